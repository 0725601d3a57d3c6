package org.activelearning.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.activelearning.djl.ResNetLearner;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the driver's model where the executors can read it. Each round the driver saves its
 * learner's checkpoint (about 45 MB for ResNet-18) into a directory on a file system every
 * executor can read (HDFS, S3, a shared mount; any Hadoop URI), then runs one small job in which
 * every task reads it back and compares its length and SHA-256 with what the driver wrote. A
 * checkpoint that an executor cannot read is thus an error naming the executor's host, the URI and
 * the reason before any scoring starts, not a failure in the middle of a scoring job. The previous
 * round's checkpoint is deleted once the new one is verified.
 */
public final class CheckpointShipping {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointShipping.class);

    private final JavaSparkContext spark;
    private final String directory;
    private PublishedCheckpoint last;
    private int published;

    private CheckpointShipping(JavaSparkContext spark, String directory) {
        this.spark = spark;
        this.directory = directory;
    }

    /**
     * Ships checkpoints through a directory that every executor can read.
     *
     * @param spark the session
     * @param directory a Hadoop URI or path, for example {@code hdfs:///tmp/al-checkpoints}; created if absent
     * @return the shipping
     */
    public static CheckpointShipping through(SparkSession spark, String directory) {
        Objects.requireNonNull(directory, "directory");
        return new CheckpointShipping(JavaSparkContext.fromSparkContext(spark.sparkContext()), directory);
    }

    /**
     * Ships checkpoints through a temporary local directory, which only works when the executors
     * share the driver's file system: a {@code local[...]} master.
     *
     * @param spark the session
     * @return the shipping
     * @throws IllegalArgumentException for any other master, saying what to use instead
     * @throws IOException if the temporary directory cannot be made
     */
    public static CheckpointShipping localTemporary(SparkSession spark) throws IOException {
        String master = spark.sparkContext().master();
        if (!master.startsWith("local")) {
            throw new IllegalArgumentException("Master " + master + " runs executors on other machines, which cannot"
                    + " read the driver's temporary directory; give a checkpoint directory they can all read, for "
                    + "example CheckpointShipping.through(spark, \"hdfs:///tmp/al-checkpoints\")");
        }
        java.nio.file.Path dir = Files.createTempDirectory("al-spark-checkpoints");
        dir.toFile().deleteOnExit();
        return through(spark, dir.toUri().toString());
    }

    /**
     * Ships checkpoints through the given directory, or, when none is given, through a temporary
     * local one, which only a {@code local[...]} master can use.
     *
     * @param spark the session
     * @param directory a directory every executor can read, or null
     * @return the shipping
     * @throws IllegalArgumentException if no directory is given and the master is not local
     * @throws IOException if the temporary directory cannot be made
     */
    public static CheckpointShipping of(SparkSession spark, String directory) throws IOException {
        return directory != null ? through(spark, directory) : localTemporary(spark);
    }

    /**
     * The directory checkpoints go to.
     *
     * @return the URI or path as given
     */
    public String directory() {
        return directory;
    }

    /**
     * Saves the learner's checkpoint into the directory and checks that every task can read it.
     *
     * @param learner the driver's trained learner
     * @return the published checkpoint, for the scoring job
     * @throws IOException if the driver cannot write it
     * @throws IllegalStateException if executors cannot read it back, naming host, URI and reason
     */
    public PublishedCheckpoint publish(ResNetLearner learner) throws IOException {
        java.nio.file.Path local = Files.createTempFile("al-checkpoint", ".bin");
        try {
            learner.saveCheckpoint(local);
            String sha = sha256(Files.newInputStream(local));
            long bytes = Files.size(local);
            Path target = new Path(directory, "checkpoint-" + (++published) + "-" + sha.substring(0, 12) + ".bin");
            try {
                FileSystem fs = target.getFileSystem(spark.hadoopConfiguration());
                fs.mkdirs(target.getParent());
                fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
            } catch (IOException e) {
                throw new IOException("The driver cannot write the model checkpoint to " + target + ": " + e
                        + "; choose a checkpoint directory the driver can write and every executor can read", e);
            }
            PublishedCheckpoint checkpoint = new PublishedCheckpoint(target.toString(), bytes, sha);
            verify(checkpoint);
            deletePrevious();
            last = checkpoint;
            return checkpoint;
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private void deletePrevious() {
        if (last != null) {
            try {
                Path p = new Path(last.uri());
                p.getFileSystem(spark.hadoopConfiguration()).delete(p, false);
            } catch (IOException e) {
                LOG.warn("Could not delete the previous checkpoint {}: {}", last.uri(), e.toString());
            }
        }
    }

    /**
     * Runs one task per default-parallelism slot, each reading the checkpoint and comparing its
     * length and hash with what the driver wrote.
     *
     * @param checkpoint the checkpoint
     * @throws IllegalStateException naming every host that could not read it and why
     */
    void verify(PublishedCheckpoint checkpoint) {
        int tasks = Math.max(1, spark.defaultParallelism());
        List<String> problems = spark.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                .map(i -> problemReading(checkpoint))
                .filter(Objects::nonNull)
                .distinct()
                .collect();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Executors cannot read the model checkpoint " + checkpoint.uri() + ": "
                    + String.join("; ", problems) + ". Put checkpoints on a file system every executor can read "
                    + "(HDFS, S3 or a shared mount) with CheckpointShipping.through(spark, directory)");
        }
    }

    /** What is wrong with reading the checkpoint here, or null if nothing is. */
    static String problemReading(PublishedCheckpoint checkpoint) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "an executor";
        }
        Path p = new Path(checkpoint.uri());
        try (CountingStream in = new CountingStream(p.getFileSystem(new Configuration()).open(p))) {
            String sha = sha256(in);
            if (in.count != checkpoint.bytes() || !sha.equals(checkpoint.sha256())) {
                return host + " read " + in.count + " bytes with SHA-256 " + sha + ", but the driver wrote "
                        + checkpoint.bytes() + " bytes with " + checkpoint.sha256()
                        + " (another writer, or a file system that is not shared)";
            }
            return null;
        } catch (IOException e) {
            return host + ": " + e;
        }
    }

    /**
     * The checkpoint as a local file on this executor: the file itself for local URIs, otherwise a
     * copy in the temporary directory, checked against the driver's hash.
     *
     * @param checkpoint the checkpoint
     * @return a local path
     * @throws IOException if it cannot be read or does not match
     */
    static java.nio.file.Path localFile(PublishedCheckpoint checkpoint) throws IOException {
        Path p = new Path(checkpoint.uri());
        FileSystem fs = p.getFileSystem(new Configuration());
        if ("file".equals(fs.getUri().getScheme())) {
            return java.nio.file.Path.of(fs.makeQualified(p).toUri());
        }
        java.nio.file.Path local = Files.createTempFile("al-checkpoint", ".bin");
        local.toFile().deleteOnExit();
        fs.copyToLocalFile(false, p, new Path(local.toUri()), true);
        String sha = sha256(Files.newInputStream(local));
        if (!sha.equals(checkpoint.sha256())) {
            throw new IOException("The checkpoint copied from " + checkpoint.uri() + " has SHA-256 " + sha
                    + ", not the driver's " + checkpoint.sha256());
        }
        return local;
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
