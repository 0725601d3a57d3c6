/**
 * Stopping criteria, composable with {@code or} and {@code and}: rounds, label budget, a target
 * metric and pool exhaustion.
 */
package org.activelearning.core.stopping;
