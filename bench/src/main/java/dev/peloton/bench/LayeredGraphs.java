package dev.peloton.bench;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates layered random asset graphs: each asset after the first layer has 1 to 3 upstream assets chosen
 * from the layers before it, the shape of a real warehouse (sources, staging, marts), deterministic per seed.
 */
public final class LayeredGraphs {

    private LayeredGraphs() {
    }

    /**
     * @param assets     number of assets
     * @param layerWidth assets per layer
     * @param partitions the partitions of every asset
     * @param seed       random seed
     */
    public static List<AssetDefinition> generate(int assets, int layerWidth, PartitionsDefinition partitions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<AssetDefinition> out = new ArrayList<>(assets);
        for (int i = 0; i < assets; i++) {
            int layer = i / layerWidth;
            AssetDefinition.Builder b = AssetDefinition.builder(AssetKey.of("layer" + layer, "asset" + i))
                    .group("layer" + layer)
                    .partitions(partitions);
            if (layer > 0) {
                int parents = 1 + random.nextInt(3);
                int lowest = Math.max(0, (layer - 2) * layerWidth);
                int highest = layer * layerWidth;
                java.util.Set<Integer> chosen = new java.util.TreeSet<>();
                while (chosen.size() < parents) {
                    chosen.add(lowest + random.nextInt(highest - lowest));
                }
                for (int p : chosen) {
                    AssetKey up = out.get(p).key();
                    b.dependency(AssetDependency.input(up, "in" + p, Object.class));
                }
            }
            out.add(b.build());
        }
        return out;
    }
}
