package dev.peloton.tdf.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the synthetic peloton: 176 riders in 22 teams of 8, bibs in team blocks of ten (1-8, 11-18, ...), bib 61
 * not assigned (its team, the seventh block, runs 62-69), synthetic names, a Strava id for exactly half the riders,
 * heights and weights from the published distributions. Depends on the seed only, not on the scale.
 */
public final class RidersGenerator {

    /** Starters of the 2023 Tour. */
    public static final int RIDERS = 176;
    /** Riders per team. */
    public static final int RIDERS_PER_TEAM = 8;
    /** Riders with a Strava id: about half the peloton published its rides. */
    public static final int STRAVA_RIDERS = RIDERS / 2;
    /** The bib that was not assigned in 2023. */
    public static final int UNASSIGNED_BIB = 61;

    private static final double HEIGHT_SD_CM = 5.2;
    private static final double WEIGHT_SD_KG = 2.6;

    private RidersGenerator() {
    }

    /** The 176 riders sorted by bib. */
    public static List<Rider> generate(TdfFacts facts, long seed) {
        List<Team> teams = facts.teams();
        SplittableRandom stravaRandom = Seeds.random(seed, "strava");
        Set<Integer> withStrava = pickStravaRiders(stravaRandom);
        Set<Long> stravaIds = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        List<Rider> riders = new ArrayList<>(RIDERS);
        int index = 0;
        for (int t = 0; t < teams.size(); t++) {
            Team team = teams.get(t);
            SplittableRandom r = Seeds.random(seed, "team", t);
            List<RiderRole> roles = teamRoles(r);
            List<Integer> bibs = bibsOfTeam(t);
            for (int i = 0; i < RIDERS_PER_TEAM; i++, index++) {
                String country = RiderNames.country(r, team.country());
                String name = RiderNames.name(r, country);
                while (!names.add(name)) {
                    name = RiderNames.name(r, country);
                }
                String slug = RiderNames.slug(name);
                for (int n = 2; !slugs.add(slug); n++) {
                    slug = RiderNames.slug(name) + "-" + n;
                }
                RiderRole role = roles.get(i);
                int height = (int) Math.round(clamp(role.meanHeightCm() + HEIGHT_SD_CM * Seeds.gaussian(r), 160, 201));
                double ratio = height / role.meanHeightCm();
                int weight = (int) Math.round(clamp(role.meanWeightKg() * ratio * ratio
                        + WEIGHT_SD_KG * Seeds.gaussian(r), 52, 92));
                OptionalLong strava = OptionalLong.empty();
                if (withStrava.contains(index)) {
                    long id;
                    do {
                        id = 1_000_000L + stravaRandom.nextLong(129_000_000L);
                    } while (!stravaIds.add(id));
                    strava = OptionalLong.of(id);
                }
                riders.add(new Rider(bibs.get(i), name, slug, team, country, strava, height, weight, role));
            }
        }
        return List.copyOf(riders);
    }

    /** The bibs of the team at a position in {@code teams.csv}: 10t+1..10t+8, skipping the unassigned 61. */
    public static List<Integer> bibsOfTeam(int teamIndex) {
        if (teamIndex < 0 || teamIndex >= 22) {
            throw new IllegalArgumentException("team index " + teamIndex + " is out of range 0..21");
        }
        List<Integer> bibs = new ArrayList<>(RIDERS_PER_TEAM);
        int first = teamIndex * 10 + 1;
        for (int b = first; bibs.size() < RIDERS_PER_TEAM; b++) {
            if (b != UNASSIGNED_BIB) {
                bibs.add(b);
            }
        }
        return bibs;
    }

    /** Two climbers, one or two sprinters, rouleurs for the rest, in random order. */
    private static List<RiderRole> teamRoles(SplittableRandom r) {
        List<RiderRole> roles = new ArrayList<>(List.of(RiderRole.CLIMBER, RiderRole.CLIMBER, RiderRole.SPRINTER,
                r.nextBoolean() ? RiderRole.SPRINTER : RiderRole.ROULEUR));
        while (roles.size() < RIDERS_PER_TEAM) {
            roles.add(RiderRole.ROULEUR);
        }
        shuffle(roles, r);
        return roles;
    }

    private static Set<Integer> pickStravaRiders(SplittableRandom r) {
        List<Integer> all = new ArrayList<>(RIDERS);
        for (int i = 0; i < RIDERS; i++) {
            all.add(i);
        }
        shuffle(all, r);
        return new HashSet<>(all.subList(0, STRAVA_RIDERS));
    }

    static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
