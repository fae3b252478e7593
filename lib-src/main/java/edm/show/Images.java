package edm.show;

import edm.Check;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Grids of small grayscale images (8x8 digits, 28x28 MNIST) rendered into one picture.
 *
 * <p>Pixel values are in [-1, 1] (the data range of the library) and map to gray levels
 * g = round(255 (x + 1)/2), clipped to 0..255, so -1 is black and +1 white. Image k of the grid sits
 * at row k / cols, column k % cols; cells are separated by a 1-pixel border (mid gray), and the whole
 * picture is scaled up by an integer factor with nearest-neighbour sampling so the pixels stay sharp.
 */
public final class Images {
    /** Gray of the border between cells. */
    public static final int BORDER_GRAY = 128;

    private Images() {}

    /** The gray level 0..255 of a pixel value x in [-1, 1]: round(255 (x + 1)/2), clipped. */
    public static int gray(double x) {
        if (Double.isNaN(x)) {
            return 0;
        }
        long g = Math.round(255 * (x + 1) / 2);
        return (int) Math.max(0, Math.min(255, g));
    }

    /**
     * A rows x cols grid of h x w images at scale 1 (one screen pixel per image pixel, plus borders).
     *
     * @param pixels images, each h*w values in row-major order; fewer than rows*cols leave cells blank
     * @param rows   grid rows
     * @param cols   grid columns
     * @param h      image height
     * @param w      image width
     */
    public static BufferedImage grid(double[][] pixels, int rows, int cols, int h, int w) {
        return grid(pixels, rows, cols, h, w, 1);
    }

    /** As {@link #grid(double[][], int, int, int, int)}, each pixel drawn as a scale x scale block. */
    public static BufferedImage grid(double[][] pixels, int rows, int cols, int h, int w, int scale) {
        Check.notNull("pixels", pixels);
        Check.atLeast("rows", rows, 1);
        Check.atLeast("cols", cols, 1);
        Check.atLeast("h", h, 1);
        Check.atLeast("w", w, 1);
        Check.atLeast("scale", scale, 1);
        if (pixels.length > rows * cols) {
            throw new IllegalArgumentException("at most rows*cols = " + rows * cols + " images, got " + pixels.length);
        }
        int width = (cols * (w + 1) + 1) * scale;
        int height = (rows * (h + 1) + 1) * scale;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(BORDER_GRAY, BORDER_GRAY, BORDER_GRAY));
        g.fillRect(0, 0, width, height);
        for (int k = 0; k < pixels.length; k++) {
            double[] p = Check.notNull("pixels[" + k + "]", pixels[k]);
            if (p.length != h * w) {
                throw new IllegalArgumentException("pixels[" + k + "] must have h*w = " + h * w + " values, got " + p.length);
            }
            int x0 = (k % cols) * (w + 1) + 1;
            int y0 = (k / cols) * (h + 1) + 1;
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int v = gray(p[i * w + j]);
                    g.setColor(new Color(v, v, v));
                    g.fillRect((x0 + j) * scale, (y0 + i) * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return img;
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        Check.notNull("image", image);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the image as PNG", e);
        }
    }

    /**
     * Shows a grid of images inline (scale 8, so an 8x8 digit is 64 screen pixels wide) with a title
     * line above it; outside a notebook the PNG is saved under {@code target/figures}.
     */
    public static void show(String title, double[][] pixels, int rows, int cols, int h, int w) {
        Check.notNull("title", title);
        byte[] png = png(grid(pixels, rows, cols, h, w, Math.max(1, 64 / Math.max(h, w))));
        if (Display.inNotebook()) {
            Show.markdown("**" + title + "**");
            Display.show(Display.bundle("image/png", Base64.getEncoder().encodeToString(png), title));
        } else {
            Show.savePng(title, png);
        }
    }
}
