package edm.data;

/** The two splits of MNIST-style data sets and the IDX file-name prefix of each. */
public enum Split {
    /** 60,000 training images ({@code train-*-ubyte}). */
    TRAIN("train"),
    /** 10,000 test images ({@code t10k-*-ubyte}). */
    TEST("t10k");

    private final String filePrefix;

    Split(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** The IDX image file name of this split, e.g. {@code train-images-idx3-ubyte}. */
    public String imagesFile() {
        return filePrefix + "-images-idx3-ubyte";
    }

    /** The IDX label file name of this split, e.g. {@code train-labels-idx1-ubyte}. */
    public String labelsFile() {
        return filePrefix + "-labels-idx1-ubyte";
    }
}
