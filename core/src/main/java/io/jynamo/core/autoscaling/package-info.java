/**
 * Application Auto Scaling, the subset DynamoDB users call ({@code AnyScaleFrontendService.*}, JSON 1.1): scalable
 * targets (a table's or global index's read or write capacity), target-tracking policies and scaling activities.
 * Requests are checked here as the service checks them; the targets live in PostgreSQL and a clustered job tracks the
 * targets (io.jynamo.ejb.autoscaling).
 *
 * @see <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/Welcome.html">Application Auto Scaling API Reference</a>
 */
package io.jynamo.core.autoscaling;
