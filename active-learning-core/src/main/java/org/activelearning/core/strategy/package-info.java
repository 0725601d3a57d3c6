/**
 * Query strategies: uncertainty sampling built from a pure {@link
 * org.activelearning.core.strategy.UncertaintyMeasure} and a {@link
 * org.activelearning.core.strategy.Selector}; Bayesian disagreement over stochastic passes ({@link
 * org.activelearning.core.strategy.StochasticMeasure}); diversity in embedding space (core-set,
 * BADGE); candidate subsampling for large pools; and random sampling as the baseline.
 *
 * <p>References: least confidence (Lewis and Gale, SIGIR 1994; Culotta and McCallum, AAAI 2005),
 * margin (Scheffer, Decomain and Wrobel, IDA 2001), entropy (Shannon 1948, as used by Settles and
 * Craven, EMNLP 2008); core-set (Sener and Savarese, ICLR 2018); BADGE (Ash, Zhang,
 * Krishnamurthy, Langford and Agarwal, ICLR 2020); BALD (Houlsby et al. 2011; Gal, Islam and
 * Ghahramani, ICML 2017); the survey is Settles, "Active Learning Literature Survey", 2009.
 */
package org.activelearning.core.strategy;
