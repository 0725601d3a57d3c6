/**
 * The crash-safe label journal: an append-only JSON Lines file in which every answer is forced to
 * disk before the next query is shown, and from which a loop rebuilds its labeled set and resumes,
 * mid-round included.
 */
package org.activelearning.core.journal;
