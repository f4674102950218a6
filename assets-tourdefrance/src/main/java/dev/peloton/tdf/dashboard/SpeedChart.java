package dev.peloton.tdf.dashboard;

import dev.peloton.tdf.assets.RaceResults.StageWinner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stage winners' average speed per stage as the geometry of an SVG bar chart, drawn by the template: one slot
 * per stage 1..21 so a stage without results leaves a gap instead of shifting the others. The axis starts at 0 km/h
 * so bar lengths compare honestly.
 *
 * @param ticks horizontal grid lines, every {@link #TICK_KMH} km/h up to the top of the axis
 */
public record SpeedChart(int width, int height, List<Bar> bars, List<Tick> ticks) {

    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    static final int LEFT = 40;
    static final int RIGHT = 10;
    static final int TOP = 12;
    static final int BOTTOM = 24;
    static final int STAGES = 21;
    static final int TICK_KMH = 10;

    /**
     * A bar.
     *
     * @param kmh      the stage winner's average speed, as the mart has it (two decimals)
     * @param selected whether this is the race day the dashboard shows
     */
    public record Bar(int stage, String raceDay, double kmh, String label, double x, double y, double width,
                      double height, double labelX, boolean selected) {
    }

    /** A grid line and its label. */
    public record Tick(int kmh, double y) {
    }

    public SpeedChart {
        bars = List.copyOf(bars);
        ticks = List.copyOf(ticks);
    }

    /** The chart of the stage winners' speeds, the bar of {@code selectedDay} marked. */
    public static SpeedChart of(List<StageWinner> winners, String selectedDay) {
        double max = winners.stream().mapToDouble(StageWinner::avgSpeedKmh).max().orElse(0);
        int top = Math.max(TICK_KMH, (int) Math.ceil(max / TICK_KMH) * TICK_KMH);
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = (double) (WIDTH - LEFT - RIGHT) / STAGES;
        List<Bar> bars = new ArrayList<>(winners.size());
        for (StageWinner w : winners) {
            double h = w.avgSpeedKmh() / top * plotH;
            double x = LEFT + (w.stage() - 1) * slot + slot * 0.15;
            bars.add(new Bar(w.stage(), w.raceDay(), w.avgSpeedKmh(),
                    String.format(Locale.ROOT, "%.2f", w.avgSpeedKmh()), round(x), round(TOP + plotH - h),
                    round(slot * 0.7), round(h), round(x + slot * 0.35), w.raceDay().equals(selectedDay)));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int kmh = 0; kmh <= top; kmh += TICK_KMH) {
            ticks.add(new Tick(kmh, round(TOP + plotH - kmh / (double) top * plotH)));
        }
        return new SpeedChart(WIDTH, HEIGHT, bars, ticks);
    }

    /** Where the stage numbers sit under the bars. */
    public double baseline() {
        return HEIGHT - BOTTOM;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
