package dev.gdq.worker.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A labelled grid of images: one row per label, images scaled up by an integer zoom with nearest-neighbour
 * so that small samples stay crisp.
 */
public final class ContactSheet {

    private static final int GAP = 2;
    private static final int LABEL_WIDTH = 96;

    private ContactSheet() {
    }

    /** A row of the sheet: its label and its images (all the same size). */
    public record Row(String label, List<BufferedImage> images) {
    }

    public static BufferedImage render(List<Row> rows, int zoom) {
        if (rows.isEmpty() || rows.get(0).images().isEmpty()) {
            throw new IllegalArgumentException("a contact sheet needs at least one image");
        }
        int cell = rows.get(0).images().get(0).getWidth() * zoom;
        int columns = rows.stream().mapToInt(r -> r.images().size()).max().orElse(0);
        BufferedImage sheet = new BufferedImage(LABEL_WIDTH + columns * (cell + GAP),
                rows.size() * (cell + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int r = 0; r < rows.size(); r++) {
                int top = GAP + r * (cell + GAP);
                g.setColor(Color.BLACK);
                g.drawString(rows.get(r).label(), 6, top + cell / 2 + 5);
                List<BufferedImage> images = rows.get(r).images();
                for (int c = 0; c < images.size(); c++) {
                    g.drawImage(images.get(c), LABEL_WIDTH + c * (cell + GAP), top, cell, cell, null);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
