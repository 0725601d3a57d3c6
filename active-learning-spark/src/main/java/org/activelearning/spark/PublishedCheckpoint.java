package org.activelearning.spark;

import java.io.Serializable;

/**
 * A checkpoint the driver wrote where executors can read it, with what they check before loading.
 *
 * @param uri the checkpoint file, as a Hadoop URI ({@code file:/...}, {@code hdfs://...}, {@code s3a://...})
 * @param bytes its length
 * @param sha256 the hex SHA-256 of its bytes
 * @serial exclude
 */
public record PublishedCheckpoint(String uri, long bytes, String sha256) implements Serializable {

    private static final long serialVersionUID = 1L;
}
