package org.activelearning.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the devices to train on from a user's choice and what DJL's PyTorch engine reports. */
final class Devices {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

    private Devices() {}

    /**
     * Resolves a device choice.
     *
     * @param choice {@code auto} (every GPU DJL reports, otherwise the CPU), {@code cpu}, {@code
     *     gpu} (every GPU, an error if none) or {@code gpu:N}
     * @return the devices; the first also scores
     * @throws IllegalArgumentException for an unknown choice or a GPU that does not exist
     * @throws IllegalStateException if DJL cannot load PyTorch, saying how to provide it
     */
    public static Device[] resolve(String choice) {
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("DJL could not load PyTorch's native library (" + e.getMessage()
                    + (root != e ? ": " + root : "") + "). The default build bundles the CPU natives and works "
                    + "offline; a build with the CUDA natives (ai.djl.pytorch:pytorch-native-cu*) downloads libtorch "
                    + "on first use, so it needs network access once, or PYTORCH_LIBRARY_PATH set to a local libtorch "
                    + "2.7.1", e);
        }
        int gpus = engine.getGpuCount();
        Device[] devices = choose(choice, gpus);
        LOG.info("Device choice '{}': training on {}{}", choice, Arrays.toString(devices),
                gpus == 0 ? " (DJL's PyTorch engine finds no GPU)" : " (" + gpus + " GPU(s) found)");
        return devices;
    }

    /**
     * The devices a choice means on a machine with the given number of GPUs; {@link
     * #resolve(String)} passes the count DJL's PyTorch engine reports. Separate so that every branch,
     * the multi-GPU ones included, is testable on a machine without a GPU.
     *
     * @param choice as for {@link #resolve(String)}
     * @param gpus how many GPUs exist, numbered from 0
     * @return the devices; the first also scores
     * @throws IllegalArgumentException for an unknown choice or a GPU that does not exist
     */
    public static Device[] choose(String choice, int gpus) {
        if (gpus < 0) {
            throw new IllegalArgumentException("GPU count must be >= 0, got " + gpus);
        }
        String c = choice.toLowerCase(Locale.ROOT).strip();
        if (c.equals("cpu") || (c.equals("auto") && gpus == 0)) {
            return new Device[] {Device.cpu()};
        }
        if (c.equals("auto") || c.equals("gpu")) {
            if (gpus == 0) {
                throw new IllegalArgumentException("Device 'gpu' was requested but DJL's PyTorch engine finds no GPU; "
                        + "depend on the CUDA natives of PyTorch (ai.djl.pytorch:pytorch-native-cu*) on a machine with an NVIDIA "
                        + "driver, or choose auto or cpu");
            }
            Device[] all = new Device[gpus];
            for (int i = 0; i < gpus; i++) {
                all[i] = Device.gpu(i);
            }
            return all;
        }
        if (c.matches("gpu:\\d{1,9}")) {
            int id = Integer.parseInt(c.substring(4));
            if (id >= gpus) {
                throw new IllegalArgumentException("Device '" + choice + "' does not exist: DJL's PyTorch engine finds "
                        + gpus + " GPU(s)" + (gpus > 0 ? " (gpu:0 .. gpu:" + (gpus - 1) + ")" : "")
                        + "; choose auto, cpu" + (gpus > 0 ? " or one of those" : ""));
            }
            return new Device[] {Device.gpu(id)};
        }
        throw new IllegalArgumentException("Unknown device '" + choice + "'; use auto, cpu, gpu or gpu:N");
    }
}
