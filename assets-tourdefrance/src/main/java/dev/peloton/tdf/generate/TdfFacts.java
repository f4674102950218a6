package dev.peloton.tdf.generate;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The public facts about the 2023 Tour, read from the CSV files under {@code /tdf2023/} on the class path.
 * Immutable; load once with {@link #load()}.
 */
public final class TdfFacts {

    /** Number of stages of the 2023 Tour. */
    public static final int STAGE_COUNT = 21;

    private static final String ROOT = "/tdf2023/";

    private final List<StageFacts> stages;
    private final List<List<Checkpoint>> checkpoints;
    private final List<List<Climb>> climbs;
    private final List<Team> teams;
    private final List<StageSpeeds> speeds;
    private final RaceCalendar calendar;

    private TdfFacts(List<StageFacts> stages, List<List<Checkpoint>> checkpoints, List<List<Climb>> climbs,
                     List<Team> teams, List<StageSpeeds> speeds) {
        this.stages = stages;
        this.checkpoints = checkpoints;
        this.climbs = climbs;
        this.teams = teams;
        this.speeds = speeds;
        this.calendar = new RaceCalendar(stages);
    }

    /** Reads and checks the five facts files. */
    public static TdfFacts load() {
        List<StageFacts> stages = byStage("stages.csv", read("stages.csv", TdfFacts::stage), StageFacts::stage);
        List<StageSpeeds> speeds = byStage("speeds.csv", read("speeds.csv", TdfFacts::speeds), StageSpeeds::stage);
        List<List<Checkpoint>> checkpoints = group(read("checkpoints.csv", TdfFacts::checkpoint), Checkpoint::stage,
                Comparator.comparingDouble(Checkpoint::km));
        List<List<Climb>> climbs = group(read("climbs.csv", TdfFacts::climb), Climb::stage,
                Comparator.comparingDouble(Climb::summitKm));
        List<Team> teams = read("teams.csv", TdfFacts::team);
        if (teams.size() != 22) {
            throw new IllegalStateException(ROOT + "teams.csv: expected 22 teams, found " + teams.size());
        }
        for (StageFacts s : stages) {
            List<Checkpoint> cps = checkpoints.get(s.stage() - 1);
            if (cps.isEmpty() || !cps.getLast().isArrival()
                    || Math.abs(cps.getLast().km() - s.lengthKm()) > 1e-6) {
                throw new IllegalStateException(ROOT + "checkpoints.csv: stage " + s.stage()
                        + " must end with an arrival at km " + s.lengthKm());
            }
        }
        return new TdfFacts(stages, checkpoints, climbs, List.copyOf(teams), speeds);
    }

    /** The 21 stages, in order. */
    public List<StageFacts> stages() {
        return stages;
    }

    /** One stage; fails naming the valid range. */
    public StageFacts stage(int stage) {
        return stages.get(checkStage(stage) - 1);
    }

    /** The checkpoints of a stage sorted by km; the last one is the arrival. */
    public List<Checkpoint> checkpoints(int stage) {
        return checkpoints.get(checkStage(stage) - 1);
    }

    /** The named climbs of a stage sorted by summit km (may be empty). */
    public List<Climb> climbs(int stage) {
        return climbs.get(checkStage(stage) - 1);
    }

    /** The 22 teams in {@code teams.csv} order (the order of the bib blocks). */
    public List<Team> teams() {
        return teams;
    }

    /** The race days and the stage of each. */
    public RaceCalendar calendar() {
        return calendar;
    }

    /** The measured speed and heart-rate statistics of a stage. */
    public StageSpeeds speeds(int stage) {
        return speeds.get(checkStage(stage) - 1);
    }

    static int checkStage(int stage) {
        if (stage < 1 || stage > STAGE_COUNT) {
            throw new IllegalArgumentException("stage " + stage + " does not exist; stages are 1.." + STAGE_COUNT);
        }
        return stage;
    }

    private static <T> List<T> read(String file, Function<Row, T> mapper) {
        String source = ROOT + file;
        try (InputStream in = TdfFacts.class.getResourceAsStream(source)) {
            if (in == null) {
                throw new IllegalStateException(source + " is missing from the class path");
            }
            Csv.Table table = Csv.read(source, new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Map<String, String>> records = table.records();
            List<T> out = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                out.add(mapper.apply(new Row(source, i + 2, records.get(i))));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(source, e);
        }
    }

    private static <T> List<T> byStage(String file, List<T> items, Function<T, Integer> stageOf) {
        if (items.size() != STAGE_COUNT) {
            throw new IllegalStateException(ROOT + file + ": expected " + STAGE_COUNT + " stages, found " + items.size());
        }
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(stageOf));
        for (int i = 0; i < sorted.size(); i++) {
            if (stageOf.apply(sorted.get(i)) != i + 1) {
                throw new IllegalStateException(ROOT + file + ": stage " + (i + 1) + " is missing or repeated");
            }
        }
        return List.copyOf(sorted);
    }

    private static <T> List<List<T>> group(List<T> items, Function<T, Integer> stageOf, Comparator<T> order) {
        List<List<T>> out = new ArrayList<>();
        for (int s = 1; s <= STAGE_COUNT; s++) {
            int stage = s;
            out.add(items.stream().filter(i -> stageOf.apply(i) == stage).sorted(order).toList());
        }
        return List.copyOf(out);
    }

    private static StageFacts stage(Row r) {
        return new StageFacts(r.integer("stage"), r.date("date"), r.text("start"), r.text("finish"),
                r.number("gps_km"), r.parse("type", StageType::ofLabel), r.integer("climb_m"),
                new GeoPoint(r.number("start_lat"), r.number("start_lon")),
                new GeoPoint(r.number("finish_lat"), r.number("finish_lon")));
    }

    private static Checkpoint checkpoint(Row r) {
        return new Checkpoint(r.integer("stage"), r.integer("checkpoint"), r.text("type"), r.text("category"),
                r.number("km"), r.number("km_to_go"), r.number("altitude_m"),
                new GeoPoint(r.number("lat"), r.number("lon")));
    }

    private static Climb climb(Row r) {
        return new Climb(r.integer("stage"), r.text("climb"), r.text("category"), r.number("summit_km"),
                r.number("summit_altitude_m"), r.optionalNumber("length_km"), r.optionalNumber("avg_gradient_pct"));
    }

    private static Team team(Row r) {
        return new Team(r.text("team"), r.text("uci_code"), r.text("country"), r.text("status"),
                "yes".equals(r.text("code_verified")));
    }

    private static StageSpeeds speeds(Row r) {
        return new StageSpeeds(r.integer("stage"), r.integer("strava_riders"), r.number("speed_kmh_p10"),
                r.number("speed_kmh_median"), r.number("speed_kmh_p90"), r.number("median_duration_h"),
                r.integer("median_avg_hr"), r.integer("median_max_hr"));
    }

    /** One CSV record with typed accessors whose errors name the file, line and column. */
    private record Row(String source, int line, Map<String, String> values) {

        String text(String column) {
            String v = values.get(column);
            if (v == null) {
                throw new IllegalStateException(source + ": no column '" + column + "'");
            }
            return v.trim();
        }

        <T> T parse(String column, Function<String, T> parser) {
            String v = text(column);
            try {
                return parser.apply(v);
            } catch (RuntimeException e) {
                throw new IllegalStateException(source + ": line " + line + ", column '" + column + "': cannot read '"
                        + v + "': " + e.getMessage(), e);
            }
        }

        int integer(String column) {
            return parse(column, Integer::parseInt);
        }

        double number(String column) {
            return parse(column, Double::parseDouble);
        }

        OptionalDouble optionalNumber(String column) {
            return text(column).isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(number(column));
        }

        LocalDate date(String column) {
            return parse(column, v -> {
                try {
                    return LocalDate.parse(v);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expected a date like 2023-07-01", e);
                }
            });
        }
    }
}
