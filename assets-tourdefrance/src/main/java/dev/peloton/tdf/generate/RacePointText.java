package dev.peloton.tdf.generate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats a race point as a line of PostgreSQL's COPY text format: tab-separated, {@code \N} for null, timestamps in
 * UTC. Fast: no formatter objects, the date part cached per day.
 */
final class RacePointText {

    private long cachedEpochDay = Long.MIN_VALUE;
    private String cachedDate = "";

    StringBuilder append(StringBuilder sb, RacePoint p) {
        sb.append(p.raceDay()).append('\t').append(p.stage()).append('\t').append(p.bib()).append('\t')
                .append(p.stravaId()).append('\t');
        time(sb, p.time()).append('\t');
        Fmt.fixed(sb, p.lat(), 6).append('\t');
        Fmt.fixed(sb, p.lon(), 6).append('\t');
        if (p.altitude() == null) {
            sb.append("\\N");
        } else {
            Fmt.fixed(sb, p.altitude(), 1);
        }
        sb.append('\t');
        Fmt.fixed(sb, p.distance(), 1).append('\t');
        Fmt.fixed(sb, p.speed(), 2).append('\t');
        integer(sb, p.heartRate()).append('\t');
        integer(sb, p.cadence()).append('\t');
        integer(sb, p.power()).append('\t');
        integer(sb, p.temperature()).append('\t');
        return sb.append(p.moving() ? '1' : '0');
    }

    private static StringBuilder integer(StringBuilder sb, Integer v) {
        return v == null ? sb.append("\\N") : sb.append(v.intValue());
    }

    /** {@code 2023-07-01 10:25:00+00}. */
    private StringBuilder time(StringBuilder sb, Instant t) {
        long s = t.getEpochSecond();
        long day = Math.floorDiv(s, 86_400L);
        int sec = (int) Math.floorMod(s, 86_400L);
        if (day != cachedEpochDay) {
            cachedEpochDay = day;
            cachedDate = LocalDate.ofEpochDay(day).toString();
        }
        sb.append(cachedDate).append(' ');
        two(sb, sec / 3600).append(':');
        two(sb, sec / 60 % 60).append(':');
        return two(sb, sec % 60).append("+00");
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
