package org.activelearning.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One ResNet-18 network and everything that lives and dies with it: the DJL {@link Model} (whose
 * manager owns the parameters), the feature extractor (built here, or a pretrained TorchScript
 * backbone loaded from DJL's model zoo or a file), dropout, and the linear classifier. Closing it
 * frees all of them; a learner holds at most one at a time.
 */
final class ResNetNetwork implements AutoCloseable {

    private final Model model;
    private final ZooModel<NDList, NDList> base;
    private final Block features;
    private final Block head;
    private final int featureSize;

    private ResNetNetwork(Model model, ZooModel<NDList, NDList> base, Block features, Block head, int featureSize) {
        this.model = model;
        this.base = base;
        this.features = features;
        this.head = head;
        this.featureSize = featureSize;
    }

    /**
     * Builds and initializes a fresh network.
     *
     * @param name the model name (the learner's architecture description)
     * @param stem the stem of a network built here
     * @param pretrained a pretrained backbone instead, or null
     * @param classes the number of classes
     * @param dropout the dropout rate before the classifier
     * @param device where the parameters live
     * @param input the shape of one input batch of one image, (1, C, H, W)
     * @return the network
     */
    static ResNetNetwork create(String name, ResNet18.Stem stem, Pretrained pretrained, int classes, float dropout,
            Device device, Shape input) {
        ZooModel<NDList, NDList> base = pretrained == null ? null : loadPretrained(pretrained, device);
        SequentialBlock featureBlock = base != null
                ? new SequentialBlock().add(base.getBlock()).add(Blocks.batchFlattenBlock())
                : ResNet18.features(stem);
        // dropout before the classifier (rate 0 is the identity); always present so that the block
        // structure, and so the checkpoint layout, does not depend on the rate
        Block head = ResNet18.head(classes);
        SequentialBlock net = new SequentialBlock().add(featureBlock)
                .add(Dropout.builder().optRate(dropout).build()).add(head);
        Model model = Model.newInstance(name, device, "PyTorch");
        try {
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, input);
            int featureSize = ResNet18.FEATURES;
            if (base != null) {
                try (NDManager probe = model.getNDManager().newSubManager(device)) {
                    NDArray out = featureBlock.forward(new ParameterStore(probe, false),
                            new NDList(probe.zeros(input)), false).singletonOrThrow();
                    featureSize = (int) out.getShape().get(1);
                }
            }
            return new ResNetNetwork(model, base, featureBlock, head, featureSize);
        } catch (RuntimeException e) {
            model.close();
            if (base != null) {
                base.close();
            }
            throw e;
        }
    }

    private static ZooModel<NDList, NDList> loadPretrained(Pretrained source, Device device) {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelUrls(source.url())
                .optEngine("PyTorch")
                .optDevice(device)
                .optOption("trainParam", "true")
                .build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            String hint = source.isZoo()
                    ? "; offline, export a TorchScript ResNet-18 embedding (for example with torchvision and "
                            + "torch.jit.script) and load it as a local file with Pretrained.file(path)"
                    : "; the file must be a TorchScript module mapping (N, 3, H, W) images to features";
            throw new IllegalStateException("Could not load the pretrained ResNet-18 from " + source.description()
                    + ": " + e.getMessage() + hint, e);
        }
    }

    /** The DJL model (for trainers). */
    Model model() {
        return model;
    }

    /** The whole network: features, dropout, classifier. */
    Block block() {
        return model.getBlock();
    }

    /** The manager that owns the parameters. */
    NDManager manager() {
        return model.getNDManager();
    }

    /** The feature extractor: images to embeddings. */
    Block features() {
        return features;
    }

    /** The linear classifier: embeddings to logits. */
    Block head() {
        return head;
    }

    /** The embedding width. */
    int featureSize() {
        return featureSize;
    }

    /** A copy of the parameters in DJL's format, to carry them into a fresh network. */
    byte[] parameterBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 << 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block().saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException("Could not copy the network's weights: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Loads parameters copied by {@link #parameterBytes()}. */
    void loadParameterBytes(byte[] weights) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            block().loadParameters(manager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("Could not restore the network's weights: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
        if (base != null) {
            base.close();
        }
    }
}
