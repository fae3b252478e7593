package edm.show;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagesTest {
    @Test
    void grayMapsMinusOneToBlackAndOneToWhite() {
        assertEquals(0, Images.gray(-1));
        assertEquals(255, Images.gray(1));
        assertEquals(128, Images.gray(0.0039));
        assertEquals(0, Images.gray(-7));
        assertEquals(255, Images.gray(3));
    }

    @Test
    void gridPlacesEachImageInItsCell() {
        int h = 2, w = 3;
        double[][] px = {
            {-1, -1, -1, -1, -1, -1},          // image 0: black
            {1, 1, 1, 1, 1, 1},                // image 1: white
            {-1, 1, -1, 1, -1, 1}};            // image 2: stripes, row-major
        BufferedImage img = Images.grid(px, 2, 2, h, w);
        assertEquals(2 * (w + 1) + 1, img.getWidth());
        assertEquals(2 * (h + 1) + 1, img.getHeight());
        assertEquals(Images.BORDER_GRAY, gray(img, 0, 0));
        assertEquals(0, gray(img, 1, 1));                  // image 0 at row 0, col 0
        assertEquals(255, gray(img, 1 + w + 1, 1));        // image 1 at row 0, col 1
        assertEquals(0, gray(img, 1, 1 + h + 1));          // image 2 at row 1, col 0: pixel (0, 0) = -1
        assertEquals(255, gray(img, 2, 1 + h + 1));        // pixel (0, 1) = +1
        assertEquals(255, gray(img, 1, 1 + h + 2));        // pixel (1, 0) = +1 (index 3)
        assertEquals(Images.BORDER_GRAY, gray(img, 1 + w + 1, 1 + h + 1)); // empty cell
    }

    @Test
    void scaleRepeatsPixelsAndPngRoundTrips() throws Exception {
        double[][] px = {{-1, 1, 1, -1}};
        BufferedImage img = Images.grid(px, 1, 1, 2, 2, 4);
        assertEquals(4 * 4, img.getWidth());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Images.png(img)));
        assertEquals(img.getWidth(), back.getWidth());
        for (int y = 4; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                assertEquals(0, gray(back, x, y));          // pixel (0, 0) black
                assertEquals(255, gray(back, x + 4, y));    // pixel (0, 1) white
            }
        }
    }

    @Test
    void rejectsWrongSizes() {
        assertThrows(IllegalArgumentException.class, () -> Images.grid(new double[][] {{0, 0, 0}}, 1, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Images.grid(new double[3][4], 1, 2, 2, 2));
    }

    private static int gray(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }
}
