/** Settings Jynamo reads from the environment or system properties. */
package io.jynamo.ejb.config;
