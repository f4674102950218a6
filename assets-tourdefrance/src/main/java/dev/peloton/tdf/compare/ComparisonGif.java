package dev.peloton.tdf.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws both riders moving along the segment's elevation profile as a looping animated GIF. Each rider's clock
 * starts when they reach the segment's start, so the frames show a race between the two as if they had started the
 * segment together (the time trial's riders start minutes apart).
 */
public final class ComparisonGif {

    public static final int WIDTH = 480;
    public static final int HEIGHT = 240;
    public static final int FRAMES = 48;
    /** Delay between frames, in hundredths of a second (GIF's unit). */
    static final int FRAME_DELAY_CS = 8;
    /** The last frame is held this long before the loop starts again. */
    static final int LAST_FRAME_DELAY_CS = 150;

    private static final int LEFT = 50;
    private static final int RIGHT = 15;
    private static final int TOP = 50;
    private static final int BOTTOM = 30;
    private static final Color COLOR_A = new Color(0xD7263D);
    private static final Color COLOR_B = new Color(0x1B66C9);

    private ComparisonGif() {
    }

    /** The animation as GIF bytes. */
    public static byte[] render(SegmentRide ride) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            double duration = Math.max(ride.timeA(), ride.timeB());
            for (int f = 0; f < FRAMES; f++) {
                double elapsed = duration * f / (FRAMES - 1);
                BufferedImage frame = frame(ride, elapsed);
                int delay = f == FRAMES - 1 ? LAST_FRAME_DELAY_CS : FRAME_DELAY_CS;
                writer.writeToSequence(new IIOImage(frame, null, metadata(writer, frame, delay, f == 0)), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison GIF: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Frame metadata: the delay, and on the first frame the NETSCAPE2.0 extension that makes the GIF loop. */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage frame, int delayCs, boolean first)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    private static BufferedImage frame(SegmentRide ride, double elapsed) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Scale s = Scale.of(ride);
            drawProfile(g, ride, s);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            drawRider(g, ride, s, ride.a(), ride.startA(), ride.timeA(), elapsed, COLOR_A, 0);
            drawRider(g, ride, s, ride.b(), ride.startB(), ride.timeB(), elapsed, COLOR_B, 1);
            g.setColor(Color.DARK_GRAY);
            g.drawString(title(ride), LEFT, 14);
            g.drawString(clock(elapsed), WIDTH - RIGHT - 50, 14);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static String title(SegmentRide ride) {
        String what = ride.climb() != null ? ride.climb()
                : String.format(Locale.ROOT, "km %.1f-%.1f", ride.fromKm(), ride.toKm());
        return "Stage " + ride.stage() + ", " + what;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Maps km and altitude to pixels. */
    private record Scale(double fromKm, double toKm, double minAlt, double maxAlt) {

        static Scale of(SegmentRide ride) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i <= 200; i++) {
                double a = ride.profile().altitudeAt(ride.fromKm() + ride.lengthKm() * i / 200);
                min = Math.min(min, a);
                max = Math.max(max, a);
            }
            double pad = Math.max(10, (max - min) * 0.1);
            return new Scale(ride.fromKm(), ride.toKm(), min - pad, max + pad);
        }

        int x(double km) {
            return LEFT + (int) Math.round((km - fromKm) / (toKm - fromKm) * (WIDTH - LEFT - RIGHT));
        }

        int y(double alt) {
            return HEIGHT - BOTTOM - (int) Math.round((alt - minAlt) / (maxAlt - minAlt) * (HEIGHT - TOP - BOTTOM));
        }
    }

    private static void drawProfile(Graphics2D g, SegmentRide ride, Scale s) {
        int n = WIDTH - LEFT - RIGHT;
        Polygon p = new Polygon();
        p.addPoint(s.x(ride.fromKm()), HEIGHT - BOTTOM);
        for (int i = 0; i <= n; i++) {
            double km = ride.fromKm() + ride.lengthKm() * i / n;
            p.addPoint(s.x(km), s.y(ride.profile().altitudeAt(km)));
        }
        p.addPoint(s.x(ride.toKm()), HEIGHT - BOTTOM);
        g.setColor(new Color(0xD9D4C7));
        g.fillPolygon(p);
        g.setColor(new Color(0x8A8170));
        g.setStroke(new BasicStroke(1.5f));
        g.drawPolygon(p);
        g.setColor(Color.GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(String.format(Locale.ROOT, "km %.1f", ride.fromKm()), LEFT, HEIGHT - 10);
        String end = String.format(Locale.ROOT, "km %.1f", ride.toKm());
        g.drawString(end, WIDTH - RIGHT - g.getFontMetrics().stringWidth(end), HEIGHT - 10);
        g.drawString(Math.round(s.maxAlt()) + " m", 4, TOP + 4);
        g.drawString(Math.round(s.minAlt()) + " m", 4, HEIGHT - BOTTOM);
    }

    private static void drawRider(Graphics2D g, SegmentRide ride, Scale s, RiderTrack t, double start, double total,
            double elapsed, Color color, int line) {
        double km = Math.min(t.distanceAt(start + elapsed), ride.toKm() * 1000) / 1000;
        int x = s.x(km);
        int y = s.y(ride.profile().altitudeAt(km));
        g.setColor(color);
        g.fillOval(x - 6, y - 6, 12, 12);
        g.setColor(Color.WHITE);
        g.drawOval(x - 6, y - 6, 12, 12);
        g.setColor(color);
        String done = elapsed >= total ? "  finished in " + clock(total) : "";
        g.drawString("#" + t.bib() + " " + (t.name() == null ? "" : t.name()) + done, LEFT, 28 + 13 * line);
    }
}
