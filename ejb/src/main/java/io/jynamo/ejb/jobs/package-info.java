/**
 * Scheduled maintenance: jobs that keep the stored data within DynamoDB's retention rules, calling the same storage
 * code as requests.
 */
package io.jynamo.ejb.jobs;
