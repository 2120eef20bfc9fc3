package lsmviz.app.disk;

import java.util.Arrays;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Hundreds of small tables filled into one pixel buffer and drawn as one image: the (software)
 * renderer then rasterises one picture instead of two shapes per table (the shelf measured this:
 * a shape per table cost the window a tenth of the workload's throughput at full speed).
 */
final class SmallBoxes {
    private int w;
    private int h;
    private int[] pixels = new int[0];
    private WritableImage image;

    /** Starts a new picture of {@code width} x {@code height}, all transparent. */
    void clear(int width, int height) {
        if (image == null || width != w || height != h) {
            w = Math.max(1, width);
            h = Math.max(1, height);
            image = new WritableImage(w, h);
            pixels = new int[w * h];
        } else {
            Arrays.fill(pixels, 0);
        }
    }

    /** A box: {@code fill} inside, a one-pixel {@code border} when it is wide enough for one. */
    void box(LevelLayout.Box b, Color fill, Color border, boolean withBorder) {
        int x0 = clampX(b.x());
        int y0 = clampY(b.y());
        int x1 = clampX(b.x() + Math.max(1, b.w() - (b.w() >= 4 ? 1 : 0)));
        int y1 = clampY(b.y() + b.h());
        if (x1 <= x0) {
            x1 = Math.min(w, x0 + 1);
        }
        int in = argb(fill);
        int edge = argb(border);
        for (int y = y0; y < y1; y++) {
            boolean edgeRow = withBorder && (y == y0 || y == y1 - 1);
            int row = y * w;
            if (edgeRow) {
                Arrays.fill(pixels, row + x0, row + x1, edge);
            } else {
                Arrays.fill(pixels, row + x0, row + x1, in);
                if (withBorder) {
                    pixels[row + x0] = edge;
                    pixels[row + x1 - 1] = edge;
                }
            }
        }
    }

    /** The picture so far. */
    WritableImage image() {
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
        return image;
    }

    private int clampX(double x) {
        return (int) Math.max(0, Math.min(w, Math.round(x)));
    }

    private int clampY(double y) {
        return (int) Math.max(0, Math.min(h, Math.round(y)));
    }

    private static int argb(Color c) {
        return 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
