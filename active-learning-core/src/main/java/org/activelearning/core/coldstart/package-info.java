/**
 * Cold start: choosing the first labels before any model exists. {@link
 * org.activelearning.core.coldstart.TypiClust} picks typical and diverse instances by clustering an
 * embedding of the pool; {@link org.activelearning.core.coldstart.RandomPca} gives an engine-free
 * embedding of raw inputs such as pixels; {@link org.activelearning.core.coldstart.KMeans} is the
 * clustering both rest on.
 */
package org.activelearning.core.coldstart;
