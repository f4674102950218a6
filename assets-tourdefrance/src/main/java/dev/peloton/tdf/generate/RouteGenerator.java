package dev.peloton.tdf.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the synthetic route of a stage from the facts: the real start, checkpoints (position, km, altitude) and
 * finish, the real length, the climbs' lengths and gradients, total climbing close to the real one. Depends on the
 * seed and the stage only.
 */
public final class RouteGenerator {

    private final TdfFacts facts;

    public RouteGenerator(TdfFacts facts) {
        this.facts = facts;
    }

    /** The route of one stage. */
    public Route generate(int stage, long seed) {
        StageFacts s = facts.stage(stage);
        List<Checkpoint> checkpoints = facts.checkpoints(stage);
        List<RoutePath.Anchor> anchors = new ArrayList<>();
        anchors.add(new RoutePath.Anchor(0, s.startPoint()));
        for (Checkpoint cp : checkpoints) {
            GeoPoint p = cp.isArrival() ? s.finishPoint() : cp.point();
            anchors.add(new RoutePath.Anchor(cp.km(), p));
        }
        RoutePath.Path path = RoutePath.build(stage, anchors, Seeds.random(seed, "route-path", stage));
        ElevationProfile.Result profile = ElevationProfile.build(s, checkpoints, facts.climbs(stage), path.km(),
                Seeds.random(seed, "route-altitude", stage));
        int n = path.km().length;
        String[] type = new String[n];
        String[] category = new String[n];
        type[0] = "start";
        for (int i = 0; i < checkpoints.size(); i++) {
            int row = path.anchorRows()[i + 1];
            Checkpoint cp = checkpoints.get(i);
            type[row] = cp.type();
            category[row] = cp.category().isEmpty() ? null : cp.category();
        }
        return new Route(stage, path.lat(), path.lon(), profile.alt(), path.km(), type, category, profile.climbs());
    }
}
