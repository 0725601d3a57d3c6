package org.activelearning.djl;

/** Run in a child JVM by {@link ResNetLearnerTest}: resolves devices and prints the failure, if any. */
public final class EngineLoadProbe {

    private EngineLoadProbe() {}

    /**
     * Resolves the {@code auto} device choice.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try {
            System.out.println("devices: " + java.util.Arrays.toString(Devices.resolve("auto")));
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
