/**
 * Metrics for Prometheus ({@link io.jynamo.ejb.metrics.ServiceMetrics}): DynamoDB's CloudWatch metrics under their
 * CloudWatch names and dimensions, and the jobs' and the connection pool's.
 */
package io.jynamo.ejb.metrics;
