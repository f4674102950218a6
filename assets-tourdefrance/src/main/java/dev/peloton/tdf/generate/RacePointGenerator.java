package dev.peloton.tdf.generate;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Generates the race points of a seed and scale: which riders have data, who abandons where, each rider's target
 * average speed per stage (calibrated on {@code speeds.csv}), start times, and the bad points; then streams each
 * race day's points rider by rider, never holding more than one rider's ride.
 *
 * <p>Within a stage the riders' target speeds are the stage's measured speed distribution (p10, median, p90) read at
 * evenly spaced quantiles, assigned by a score mixing ability, speciality (climbers go up the order in the mountains,
 * rouleurs in the time trial) and luck of the day, so the median rider rides at the stage's median speed.
 */
public final class RacePointGenerator {

    /** Share of riders with data who abandon before the last stage. */
    static final double ABANDON_SHARE = 0.4;
    /** Share of riders with data who publish heart rate. */
    static final double HEART_RATE_SHARE = 0.25;
    static final ZoneId RACE_ZONE = ZoneId.of("Europe/Paris");

    private final TdfFacts facts;
    private final Scale scale;
    private final long seed;
    private final Map<Integer, Route> routes;
    private final List<RiderProfile> profiles;
    private final Map<Integer, Boolean> heartRate = new HashMap<>();
    private final Map<Integer, StagePlan> stagePlans = new TreeMap<>();
    private final RacePlan plan;

    /** One rider's start on one stage. */
    private record Start(RiderProfile rider, long startEpochSecond, double targetKmh, double abandonFraction) {
    }

    /** Who starts a stage, and which samples are spoiled: bib -> sample -> kind. */
    private record StagePlan(int stage, LocalDate day, List<Start> starts, Map<Integer, Map<Integer, BadPoint.Kind>> bad) {
    }

    /**
     * @param facts  the facts
     * @param riders the riders sheet of the same seed
     * @param scale  the scale
     * @param seed   the seed
     * @param routes the route of every stage of the scale
     */
    public RacePointGenerator(TdfFacts facts, List<Rider> riders, Scale scale, long seed, Map<Integer, Route> routes) {
        this.facts = facts;
        this.scale = scale;
        this.seed = seed;
        for (int stage : scale.stages()) {
            if (!routes.containsKey(stage)) {
                throw new IllegalArgumentException("no route given for stage " + stage + " of scale '" + scale.name()
                        + "'; routes given: " + new TreeMap<>(routes).keySet());
            }
        }
        this.routes = Map.copyOf(routes);
        this.profiles = ridersWithData(riders);
        List<RiderProfile> byHrKey = new ArrayList<>(profiles);
        byHrKey.sort(Comparator.comparingDouble(RiderProfile::hrKey));
        int withHr = Math.max(1, (int) Math.round(profiles.size() * HEART_RATE_SHARE));
        for (int i = 0; i < byHrKey.size(); i++) {
            heartRate.put(byHrKey.get(i).bib(), i < withHr);
        }
        this.plan = buildPlan();
    }

    /** What the generated data holds: riders, counts per race day, abandons, bad points. */
    public RacePlan plan() {
        return plan;
    }

    private RacePlan buildPlan() {
        Map<Integer, double[]> abandons = abandons();
        List<RaceDaySummary> days = new ArrayList<>();
        List<BadPoint> badPoints = new ArrayList<>();
        for (int stage : scale.stages()) {
            StagePlan sp = planStage(stage, abandons);
            stagePlans.put(stage, sp);
            List<RiderDay> rides = new ArrayList<>();
            for (Start s : sp.starts()) {
                rides.add(ride(sp, s));
            }
            injectBadPoints(sp, rides, badPoints);
            long rows = 0;
            List<Integer> abandoned = new ArrayList<>();
            for (RiderDay ride : rides) {
                rows += ride.samples();
                if (ride.abandons()) {
                    abandoned.add(ride.rider().bib());
                }
            }
            rows += scale.duplicatesPerRaceDay();
            days.add(new RaceDaySummary(sp.day(), stage, sp.starts().size(), abandoned, rows,
                    scale.duplicatesPerRaceDay(), scale.outOfRangePerRaceDay()));
        }
        badPoints.sort(Comparator.comparing(BadPoint::raceDay).thenComparing(BadPoint::bib)
                .thenComparing(BadPoint::time).thenComparing(BadPoint::kind));
        return new RacePlan(seed, scale, profiles.stream().map(RiderProfile::rider).toList(), days, badPoints);
    }

    /** The points of one stage, rider by rider (bib order), each rider's in time order, bad points included. */
    public Iterator<RacePoint> iterator(int stage) {
        StagePlan sp = stagePlans.get(stage);
        if (sp == null) {
            throw new IllegalArgumentException("stage " + stage + " is not generated at scale '" + scale.name()
                    + "'; generated stages: " + scale.stages());
        }
        return new Iterator<>() {
            private int next;
            private Iterator<RacePoint> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < sp.starts().size()) {
                    Start s = sp.starts().get(next++);
                    current = ride(sp, s).points(sp.bad().getOrDefault(s.rider().bib(), Map.of()));
                }
                return current.hasNext();
            }

            @Override
            public RacePoint next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("stage " + stage + ": no more points");
                }
                return current.next();
            }
        };
    }

    /** The points of one stage as a sequential stream. */
    public Stream<RacePoint> stream(int stage) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(stage),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Hands every point of one stage to the consumer. */
    public void forEach(int stage, Consumer<RacePoint> consumer) {
        iterator(stage).forEachRemaining(consumer);
    }

    private RiderDay ride(StagePlan sp, Start s) {
        return new RiderDay(facts.stage(sp.stage()), facts.speeds(sp.stage()), routes.get(sp.stage()), sp.day(),
                s.rider(), heartRate.get(s.rider().bib()), s.startEpochSecond(), s.targetKmh(), s.abandonFraction(),
                scale.sampleIntervalSeconds(), seed);
    }

    /**
     * The first {@code ridersWithData} riders with a Strava id in an order that takes whole teams: the teams with the
     * most riders with a Strava id first (ties in a seeded order), each team's riders in a seeded order. So a smaller
     * scale has a few teams with several riders with data, which the team classification needs (three finishers of
     * a team on every stage), rather than one or two riders of every team; and it is a prefix of a larger scale's
     * riders.
     */
    private List<RiderProfile> ridersWithData(List<Rider> riders) {
        List<Rider> strava = new ArrayList<>(riders.stream().filter(r -> r.stravaId().isPresent()).toList());
        if (strava.size() < scale.ridersWithData()) {
            throw new IllegalArgumentException("scale '" + scale.name() + "' wants " + scale.ridersWithData()
                    + " riders with data but only " + strava.size() + " riders have a Strava id");
        }
        SplittableRandom r = Seeds.random(seed, "riders-with-data");
        Map<String, List<Rider>> byTeam = new TreeMap<>();
        for (Rider rider : strava) {
            byTeam.computeIfAbsent(rider.team().name(), t -> new ArrayList<>()).add(rider);
        }
        List<List<Rider>> teams = new ArrayList<>(byTeam.values());
        RidersGenerator.shuffle(teams, r);
        teams.sort(Comparator.comparingInt((List<Rider> team) -> team.size()).reversed()); // stable: keeps ties shuffled
        List<Rider> order = new ArrayList<>(strava.size());
        for (List<Rider> team : teams) {
            List<Rider> members = new ArrayList<>(team);
            RidersGenerator.shuffle(members, r);
            order.addAll(members);
        }
        return order.subList(0, scale.ridersWithData()).stream()
                .sorted(Comparator.comparingInt(Rider::bib))
                .map(rider -> RiderProfile.draw(rider, seed))
                .toList();
    }

    /**
     * bib -> {stage, fraction of the stage ridden} for the riders who abandon: 40% of the riders with data, none
     * during the last generated stage. The stage is drawn over stages 1..20 with weights mostly from where the
     * measured count of riders with data ({@code speeds.csv}) fell to a new low, partly from the stage type; then
     * moved to the first generated stage at or after it, so smaller scales keep the same shape.
     */
    private Map<Integer, double[]> abandons() {
        Map<Integer, double[]> out = new HashMap<>();
        List<Integer> stages = scale.stages();
        if (stages.size() < 2) {
            return out;
        }
        double[] weights = abandonWeights();
        SplittableRandom r = Seeds.random(seed, "abandons");
        List<RiderProfile> order = new ArrayList<>(profiles);
        RidersGenerator.shuffle(order, r);
        int count = (int) Math.round(profiles.size() * ABANDON_SHARE);
        for (int k = 0; k < count; k++) {
            double pick = r.nextDouble();
            int stage = 1;
            while (stage < weights.length && pick >= weights[stage - 1]) {
                pick -= weights[stage - 1];
                stage++;
            }
            int generated = stages.get(stages.size() - 2);
            for (int i = 0; i < stages.size() - 1; i++) {
                if (stages.get(i) >= stage) {
                    generated = stages.get(i);
                    break;
                }
            }
            out.put(order.get(k).bib(), new double[] {generated, 0.15 + 0.75 * r.nextDouble()});
        }
        return out;
    }

    /** Probability of abandoning during stages 1..20 (sums to 1). */
    private double[] abandonWeights() {
        int last = TdfFacts.STAGE_COUNT;
        double[] drop = new double[last - 1];
        double[] type = new double[last - 1];
        // Stage 1's count is low because some riders had not published yet; from stage 2 on, a new low in the count
        // is riders gone for good.
        double low = facts.speeds(2).stravaRiders();
        double dropTotal = 0;
        double typeTotal = 0;
        for (int s = 1; s < last; s++) {
            double next = Math.min(low, facts.speeds(s + 1).stravaRiders());
            drop[s - 1] = s == 1 ? 0 : low - next;
            low = next;
            dropTotal += drop[s - 1];
            type[s - 1] = switch (facts.stage(s).type()) {
                case MOUNTAIN -> 3;
                case HILLY -> 2;
                case FLAT -> 1.2;
                case TIME_TRIAL -> 0.4;
            };
            typeTotal += type[s - 1];
        }
        double[] w = new double[last - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.7 * (dropTotal > 0 ? drop[i] / dropTotal : 0) + (dropTotal > 0 ? 0.3 : 1.0) * type[i] / typeTotal;
        }
        return w;
    }

    private StagePlan planStage(int stage, Map<Integer, double[]> abandons) {
        StageFacts sf = facts.stage(stage);
        StageSpeeds sp = facts.speeds(stage);
        LocalDate day = sf.date();
        SplittableRandom r = Seeds.random(seed, "stage-order", stage);
        List<RiderProfile> starters = new ArrayList<>();
        for (RiderProfile p : profiles) {
            double[] a = abandons.get(p.bib());
            if (a == null || a[0] >= stage) {
                starters.add(p);
            }
        }
        // score -> rank -> evenly spaced quantile of the stage's speed distribution
        Map<Integer, Double> score = new HashMap<>();
        for (RiderProfile p : starters) {
            score.put(p.bib(), score(sf.type(), p, r));
        }
        List<RiderProfile> ranked = new ArrayList<>(starters);
        ranked.sort(Comparator.comparingDouble((RiderProfile p) -> score.get(p.bib())).thenComparingInt(RiderProfile::bib));
        Map<Integer, Double> target = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            target.put(ranked.get(i).bib(), speedAtQuantile(sp, (i + 0.5) / ranked.size()));
        }
        Map<Integer, Long> starts = startTimes(sf, sp, starters);
        List<Start> list = new ArrayList<>();
        for (RiderProfile p : starters) {
            double[] a = abandons.get(p.bib());
            double fraction = a != null && a[0] == stage ? a[1] : Double.NaN;
            list.add(new Start(p, starts.get(p.bib()), target.get(p.bib()), fraction));
        }
        return new StagePlan(stage, day, List.copyOf(list), new HashMap<>());
    }

    private static double score(StageType type, RiderProfile p, SplittableRandom r) {
        RiderRole role = p.rider().role();
        double luck = Seeds.gaussian(r);
        return switch (type) {
            case FLAT -> 0.3 * p.ability() + (role == RiderRole.SPRINTER ? 0.2 : 0) + luck;
            case HILLY -> 0.6 * p.ability() + (role == RiderRole.CLIMBER ? 0.3 : role == RiderRole.SPRINTER ? -0.2 : 0)
                    + 0.8 * luck;
            case MOUNTAIN -> p.ability() + (role == RiderRole.CLIMBER ? 0.8 : role == RiderRole.SPRINTER ? -0.8 : 0)
                    + 0.5 * luck;
            case TIME_TRIAL -> p.ability() + (role == RiderRole.ROULEUR ? 0.6 : role == RiderRole.CLIMBER ? 0.2 : -0.3)
                    + 0.5 * luck;
        };
    }

    /** Piecewise linear through (0.1, p10), (0.5, median), (0.9, p90), extended half a step beyond. */
    static double speedAtQuantile(StageSpeeds s, double q) {
        double p0 = s.p10Kmh() - 0.5 * (s.medianKmh() - s.p10Kmh());
        double p100 = s.p90Kmh() + 0.5 * (s.p90Kmh() - s.medianKmh());
        double[] qs = {0, 0.1, 0.5, 0.9, 1};
        double[] vs = {p0, s.p10Kmh(), s.medianKmh(), s.p90Kmh(), p100};
        for (int i = 1; i < qs.length; i++) {
            if (q <= qs[i]) {
                return vs[i - 1] + (vs[i] - vs[i - 1]) * (q - qs[i - 1]) / (qs[i] - qs[i - 1]);
            }
        }
        return p100;
    }

    /**
     * Mass starts: everyone at the same time, timed so the median rider finishes at 17:30 (19:30 in Paris), rounded
     * down to five minutes. The time trial: one rider a minute from 13:05 in a random order of the whole peloton.
     */
    private Map<Integer, Long> startTimes(StageFacts sf, StageSpeeds sp, List<RiderProfile> starters) {
        Map<Integer, Long> out = new HashMap<>();
        if (sf.type() == StageType.TIME_TRIAL) {
            List<Integer> order = new ArrayList<>();
            for (int t = 0; t < facts.teams().size(); t++) {
                order.addAll(RidersGenerator.bibsOfTeam(t));
            }
            RidersGenerator.shuffle(order, Seeds.random(seed, "time-trial-order", sf.stage()));
            long first = sf.date().atTime(LocalTime.of(13, 5)).atZone(RACE_ZONE).toEpochSecond();
            for (RiderProfile p : starters) {
                out.put(p.bib(), first + 60L * order.indexOf(p.bib()));
            }
            return out;
        }
        LocalTime finish = sf.stage() == TdfFacts.STAGE_COUNT ? LocalTime.of(19, 30) : LocalTime.of(17, 30);
        long finishEpoch = sf.date().atTime(finish).atZone(RACE_ZONE).toEpochSecond();
        long start = finishEpoch - Math.round(sp.medianDurationH() * 3600);
        start -= Math.floorMod(start, 300);
        for (RiderProfile p : starters) {
            out.put(p.bib(), start);
        }
        return out;
    }

    private void injectBadPoints(StagePlan plan, List<RiderDay> rides, List<BadPoint> out) {
        int dup = scale.duplicatesPerRaceDay();
        int oor = scale.outOfRangePerRaceDay();
        SplittableRandom r = Seeds.random(seed, "bad-points", plan.stage());
        for (int k = 0; k < dup + oor; k++) {
            BadPoint.Kind kind = k < dup ? BadPoint.Kind.DUPLICATE
                    : r.nextBoolean() ? BadPoint.Kind.LATITUDE_OUT_OF_RANGE : BadPoint.Kind.LONGITUDE_OUT_OF_RANGE;
            for (int attempt = 0; ; attempt++) {
                if (attempt > 10_000) {
                    throw new IllegalStateException("stage " + plan.stage() + ": cannot place " + (dup + oor)
                            + " bad points among " + rides.size() + " riders; lower the counts of scale '"
                            + scale.name() + "'");
                }
                RiderDay ride = rides.get(r.nextInt(rides.size()));
                if (ride.samples() < 3) {
                    continue;
                }
                int sample = 1 + r.nextInt(ride.samples() - 2); // never the first or last point
                Map<Integer, BadPoint.Kind> ofRider = plan.bad().computeIfAbsent(ride.rider().bib(), b -> new HashMap<>());
                if (ofRider.putIfAbsent(sample, kind) == null) {
                    out.add(new BadPoint(plan.day(), plan.stage(), ride.rider().bib(), ride.rider().stravaId(),
                            ride.sampleTime(sample), kind));
                    break;
                }
            }
        }
    }
}
