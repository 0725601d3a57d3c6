package org.activelearning.spark;

import java.io.Serializable;

/**
 * One partition's best candidates, best first, as the executors return them to the driver.
 *
 * @param ids the candidates' ids
 * @param scores their scores, same length
 * @param scored how many candidates the partition scored
 */
record PartitionTop(long[] ids, double[] scores, long scored) implements Serializable {

    private static final long serialVersionUID = 1L;
}
