package org.activelearning.djl.data;

import java.util.List;

/**
 * Images addressed by index, as uint8 planar views, with the class list and, where known, a label
 * per image: the CIFAR binary format ({@link CifarDataset}) and image folders ({@link ImageFolder})
 * both offer this.
 */
public interface ImageDataset {

    /** The label of an image whose class is not known (an unlabeled pool). */
    int UNLABELED = -1;

    /**
     * The number of images.
     *
     * @return the size
     */
    int size();

    /**
     * One image (a view or a freshly decoded copy).
     *
     * @param index the image index, {@code 0 <= index < size()}
     * @return the image
     */
    PlanarImage image(int index);

    /**
     * The class index of an image.
     *
     * @param index the image index
     * @return the class index, or {@link #UNLABELED}
     */
    int label(int index);

    /**
     * The class names, in label order.
     *
     * @return the classes
     */
    List<String> classes();

    /**
     * Where the data came from, for messages and session identity.
     *
     * @return a description
     */
    String source();
}
