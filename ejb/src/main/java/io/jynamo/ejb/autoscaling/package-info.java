/**
 * Application Auto Scaling for DynamoDB tables and global indexes: the scalable targets, policies and activities in
 * PostgreSQL ({@link io.jynamo.ejb.autoscaling.ScalingCatalog}), the API's operations
 * ({@link io.jynamo.ejb.autoscaling.AutoScalingService}) and the clustered job that tracks the targets
 * ({@link io.jynamo.ejb.autoscaling.TargetTracking}) from the capacity used per period
 * ({@link io.jynamo.ejb.capacity.CapacityUsage}).
 */
package io.jynamo.ejb.autoscaling;
