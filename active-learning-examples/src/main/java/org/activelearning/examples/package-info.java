/**
 * The runnable CIFAR-10 least-confidence scenario: a command line ({@link
 * org.activelearning.examples.Main}) with a console oracle where a person labels images, a
 * simulated oracle for experiments, resumable session directories, progress bars, metrics files
 * and learning-curve plots; plus the strategy comparison and benchmarks.
 */
package org.activelearning.examples;
