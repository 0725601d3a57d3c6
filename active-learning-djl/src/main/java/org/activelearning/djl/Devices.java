package org.activelearning.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the devices to train on from a user's choice and what DJL's PyTorch engine reports. */
public final class Devices {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

    private Devices() {}

    /**
     * Resolves a device choice.
     *
     * @param choice {@code auto} (every GPU DJL reports, otherwise the CPU), {@code cpu}, {@code
     *     gpu} (every GPU, an error if none) or {@code gpu:N}
     * @return the devices; the first also scores
     * @throws IllegalArgumentException for an unknown choice or a GPU that does not exist
     */
    public static Device[] resolve(String choice) {
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        String c = choice.toLowerCase(Locale.ROOT).strip();
        Device[] devices;
        if (c.equals("auto")) {
            devices = gpus > 0 ? engine.getDevices(gpus) : new Device[] {Device.cpu()};
        } else if (c.equals("cpu")) {
            devices = new Device[] {Device.cpu()};
        } else if (c.equals("gpu")) {
            if (gpus == 0) {
                throw new IllegalArgumentException("Device 'gpu' was requested but DJL's PyTorch engine finds no GPU; "
                        + "use the CUDA build of PyTorch (see README, 'GPU') or choose auto or cpu");
            }
            devices = engine.getDevices(gpus);
        } else if (c.matches("gpu:\\d+")) {
            int id = Integer.parseInt(c.substring(4));
            if (id >= gpus) {
                throw new IllegalArgumentException("Device '" + choice + "' does not exist: DJL's PyTorch engine finds "
                        + gpus + " GPU(s)" + (gpus > 0 ? " (gpu:0 .. gpu:" + (gpus - 1) + ")" : "")
                        + "; choose auto, cpu" + (gpus > 0 ? " or one of those" : ""));
            }
            devices = new Device[] {Device.gpu(id)};
        } else {
            throw new IllegalArgumentException("Unknown device '" + choice + "'; use auto, cpu, gpu or gpu:N");
        }
        LOG.info("Device choice '{}': training on {}{}", choice, Arrays.toString(devices),
                gpus == 0 ? " (DJL's PyTorch engine finds no GPU)" : " (" + gpus + " GPU(s) found)");
        return devices;
    }
}
