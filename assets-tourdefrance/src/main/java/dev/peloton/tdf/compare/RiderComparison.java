package dev.peloton.tdf.compare;

import dev.peloton.tdf.assets.TdfChecks;
import dev.peloton.tdf.assets.Warehouse;
import dev.peloton.tdf.generate.RaceCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Compares two riders on a segment of a race day's stage (a named climb, or a km interval), from the warehouse:
 * {@code staging/race_points} for the riders' rides, {@code staging/stage_routes} for the profile,
 * {@code staging/climbs} and {@code staging/riders} for names. Every input that cannot be answered is a
 * {@link ComparisonException} naming what is wrong.
 */
@Service
public class RiderComparison {

    /** Samples every 100 m on segments up to this long (km), every km on longer ones. */
    static final double FINE_SAMPLING_MAX_KM = 20;

    private final Warehouse warehouse;
    private final RaceCalendar calendar = RaceCalendar.tdf2023();

    public RiderComparison(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The comparison as the JSON endpoint answers it; parameters as given in the query string. */
    public Comparison compare(String raceDay, String bibA, String bibB, String climb, String fromKm, String toKm) {
        return summarize(load(raceDay, bibA, bibB, climb, fromKm, toKm));
    }

    /** Validates the request and reads what the comparison needs from the warehouse. */
    public SegmentRide load(String raceDayText, String bibAText, String bibBText, String climb, String fromText,
            String toText) {
        LocalDate day = raceDay(raceDayText);
        int bibA = bib("bibA", bibAText);
        int bibB = bib("bibB", bibBText);
        if (bibA == bibB) {
            throw ComparisonException.badParameter("bibB", bibBText, "Parameters 'bibA' and 'bibB' must name two"
                    + " different riders, both are " + bibA);
        }
        boolean byClimb = climb != null && !climb.isBlank();
        boolean byKm = present(fromText) || present(toText);
        if (byClimb == byKm) {
            throw ComparisonException.badParameter(byClimb ? "fromKm" : "climb", byClimb ? fromText : null,
                    "Give either 'climb' (a named climb of the stage) or both 'fromKm' and 'toKm', "
                            + (byClimb ? "not both" : "got neither"));
        }
        int stage = calendar.stageOn(day);
        SegmentProfile profile = profile(day, stage);
        double from;
        double to;
        String name = null;
        String category = null;
        if (byClimb) {
            Map<String, Object> c = climb(day, stage, climb.trim());
            name = (String) c.get("climb");
            category = (String) c.get("category");
            from = ((Number) c.get("foot_km")).doubleValue();
            to = ((Number) c.get("summit_km")).doubleValue();
        } else {
            from = km("fromKm", fromText);
            to = km("toKm", toText);
            double length = profile.lengthKm();
            for (var p : List.of(Map.entry("fromKm", from), Map.entry("toKm", to))) {
                if (p.getValue() < 0 || p.getValue() > length) {
                    throw ComparisonException.badParameter(p.getKey(), p.getKey().equals("fromKm") ? fromText : toText,
                            String.format(Locale.ROOT, "Parameter '%s' is km %s, outside stage %d (%s): valid km"
                                    + " are 0..%.3f", p.getKey(), p.getValue(), stage, day, length));
                }
            }
            if (from >= to) {
                throw ComparisonException.badParameter("toKm", toText, String.format(Locale.ROOT,
                        "The interval is reversed or empty: 'fromKm' (%s) must be less than 'toKm' (%s)", from, to));
            }
        }
        Map<Integer, String[]> riders = riders(bibA, bibB);
        RiderTrack a = track(day, stage, bibA, "bibA", riders.get(bibA), from, to);
        RiderTrack b = track(day, stage, bibB, "bibB", riders.get(bibB), from, to);
        return new SegmentRide(day, stage, name, category, from, to, profile, a, b);
    }

    /** Times, speeds and the gap along the segment. */
    public static Comparison summarize(SegmentRide ride) {
        double length = ride.lengthKm();
        int step = length <= FINE_SAMPLING_MAX_KM ? 100 : 1000;
        double gain = ride.profile().altitudeAt(ride.toKm()) - ride.profile().altitudeAt(ride.fromKm());
        double startA = ride.startA();
        double startB = ride.startB();
        List<Comparison.Sample> samples = new ArrayList<>();
        double fromM = ride.fromKm() * 1000;
        double toM = ride.toKm() * 1000;
        for (int i = 0; ; i++) {
            double m = Math.min(fromM + (double) i * step, toM);
            double ea = ride.a().timeAt(m) - startA;
            double eb = ride.b().timeAt(m) - startB;
            samples.add(new Comparison.Sample(round(m / 1000, 3), round(ride.profile().altitudeAt(m / 1000), 1),
                    round(ea, 1), round(eb, 1), round(eb - ea, 1)));
            if (m >= toM) {
                break;
            }
        }
        Comparison.Segment segment = new Comparison.Segment(ride.climb(), ride.category(), ride.fromKm(),
                ride.toKm(), round(length, 3), round(gain, 1), step);
        return new Comparison(ride.raceDay().toString(), ride.stage(), segment,
                rider(ride.a(), startA, ride.timeA(), length, gain), rider(ride.b(), startB, ride.timeB(), length, gain),
                round(ride.timeB() - ride.timeA(), 1), samples);
    }

    private static Comparison.RiderSegment rider(RiderTrack t, double start, double seconds, double lengthKm,
            double gainM) {
        long micros = Math.round(start * 1e6);
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        return new Comparison.RiderSegment(t.bib(), t.name(), t.team(), at.toString(), round(seconds, 1),
                round(lengthKm / (seconds / 3600), 2), Math.round(gainM / (seconds / 3600)));
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private LocalDate raceDay(String text) {
        if (!present(text)) {
            throw ComparisonException.badParameter("raceDay", text, "Parameter 'raceDay' is required: a race day"
                    + " such as 2023-07-13");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ComparisonException.badParameter("raceDay", text, "Parameter 'raceDay' must be a date such as"
                    + " 2023-07-13, got '" + text + "'");
        }
        if (!calendar.isRaceDay(day)) {
            throw ComparisonException.badParameter("raceDay", text, "Parameter 'raceDay' is " + day + ", not a race"
                    + " day of the 2023 Tour: race days are 2023-07-01..2023-07-23 without the rest days "
                    + calendar.restDays());
        }
        return day;
    }

    private static int bib(String parameter, String text) {
        if (!present(text)) {
            throw ComparisonException.badParameter(parameter, text, "Parameter '" + parameter + "' is required: a"
                    + " bib number 1.." + TdfChecks.MAX_BIB);
        }
        try {
            int bib = Integer.parseInt(text.trim());
            if (bib >= 1 && bib <= TdfChecks.MAX_BIB) {
                return bib;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ComparisonException.badParameter(parameter, text, "Parameter '" + parameter + "' must be a bib number"
                + " 1.." + TdfChecks.MAX_BIB + ", got '" + text + "'");
    }

    private static double km(String parameter, String text) {
        if (!present(text)) {
            throw ComparisonException.badParameter(parameter, text, "Parameter '" + parameter + "' is required with"
                    + " a km interval: give both 'fromKm' and 'toKm'");
        }
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ComparisonException.badParameter(parameter, text, "Parameter '" + parameter + "' must be a number of"
                + " km such as 12.5, got '" + text + "'");
    }

    private SegmentProfile profile(LocalDate day, int stage) {
        List<Map<String, Object>> rows = rows("SELECT km_done, altitude FROM "
                + Warehouse.table("staging/stage_routes") + " WHERE partition_key = '" + stage + "' ORDER BY seq");
        if (rows.size() < 2) {
            throw ComparisonException.notFound("no-route", "No route for the stage", "Stage " + stage + " ("
                    + day + ") has no route in the warehouse: it is not generated at this scale, or"
                    + " staging/stage_routes is not materialized for it", Map.of("raceDay", day.toString(),
                    "stage", stage));
        }
        double[] km = new double[rows.size()];
        double[] alt = new double[rows.size()];
        for (int i = 0; i < km.length; i++) {
            km[i] = ((Number) rows.get(i).get("km_done")).doubleValue();
            alt[i] = ((Number) rows.get(i).get("altitude")).doubleValue();
        }
        return new SegmentProfile(km, alt);
    }

    private Map<String, Object> climb(LocalDate day, int stage, String name) {
        List<Map<String, Object>> climbs = rows("SELECT climb, category, foot_km, summit_km, length_km FROM "
                + Warehouse.table("staging/climbs") + " WHERE stage = " + stage + " ORDER BY summit_km");
        for (Map<String, Object> c : climbs) {
            if (((String) c.get("climb")).equalsIgnoreCase(name)) {
                if (c.get("foot_km") == null) {
                    throw ComparisonException.unprocessable("climb-without-length", "Climb has no length",
                            "Climb '" + c.get("climb") + "' of stage " + stage + " has no published length, so its"
                                    + " foot is unknown; compare a km interval instead (fromKm, toKm; its summit is"
                                    + " at km " + c.get("summit_km") + ")",
                            Map.of("parameter", "climb", "value", name, "summitKm", c.get("summit_km")));
                }
                return c;
            }
        }
        List<String> names = climbs.stream().map(c -> (String) c.get("climb")).toList();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("parameter", "climb");
        props.put("value", name);
        props.put("stage", stage);
        props.put("climbs", names);
        throw ComparisonException.notFound("unknown-climb", "Unknown climb", "Stage " + stage + " (" + day
                + ") has no climb named '" + name + "'; its named climbs: "
                + (names.isEmpty() ? "none" : String.join(", ", names)), props);
    }

    private Map<Integer, String[]> riders(int bibA, int bibB) {
        Map<Integer, String[]> out = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("SELECT bib, name, team FROM " + Warehouse.table("staging/riders")
                + " WHERE bib IN (" + bibA + ", " + bibB + ")")) {
            out.put(((Number) r.get("bib")).intValue(), new String[] {(String) r.get("name"), (String) r.get("team")});
        }
        return out;
    }

    private RiderTrack track(LocalDate day, int stage, int bib, String parameter, String[] rider, double fromKm,
            double toKm) {
        if (rider == null) {
            throw ComparisonException.notFound("unknown-rider", "Unknown rider", "Parameter '" + parameter
                    + "': no rider has bib " + bib + " (bibs go in team blocks of ten: 1-8, 11-18, ...)",
                    Map.of("parameter", parameter, "value", String.valueOf(bib)));
        }
        List<Map<String, Object>> rows = rows("SELECT epoch(time) AS t, distance FROM "
                + Warehouse.table("staging/race_points") + " WHERE partition_key = '" + day + "' AND bib = " + bib
                + " ORDER BY time");
        if (rows.isEmpty()) {
            throw ComparisonException.notFound("no-rider-data", "No data for the rider on that day", "Rider #" + bib
                    + " (" + rider[0] + ") has no GPS data on " + day + " (stage " + stage + "): not among the"
                    + " riders with data, abandoned earlier, or the race day is not materialized",
                    Map.of("parameter", parameter, "value", String.valueOf(bib), "raceDay", day.toString()));
        }
        double[] t = new double[rows.size()];
        double[] d = new double[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ((Number) rows.get(i).get("t")).doubleValue();
            d[i] = ((Number) rows.get(i).get("distance")).doubleValue();
        }
        RiderTrack track = new RiderTrack(bib, rider[0], rider[1], t, d);
        if (track.firstDistance() > fromKm * 1000 || track.lastDistance() < toKm * 1000) {
            throw ComparisonException.unprocessable("segment-not-ridden", "Rider did not ride the segment",
                    String.format(Locale.ROOT, "Rider #%d (%s) has data on %s from km %.3f to km %.3f only, not"
                            + " over the whole segment km %.3f..%.3f (abandoned?)", bib, rider[0], day,
                            track.firstDistance() / 1000, track.lastDistance() / 1000, fromKm, toKm),
                    Map.of("parameter", parameter, "value", String.valueOf(bib), "raceDay", day.toString()));
        }
        return track;
    }

    private List<Map<String, Object>> rows(String select) {
        try {
            return warehouse.rows(select);
        } catch (IllegalStateException e) {
            // Most likely a table missing because its asset was never materialized.
            throw ComparisonException.notMaterialized("The warehouse cannot answer the comparison yet: "
                    + e.getMessage().lines().findFirst().orElse("") + "; materialize the staging assets first");
        }
    }
}
