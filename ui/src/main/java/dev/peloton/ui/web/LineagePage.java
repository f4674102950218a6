package dev.peloton.ui.web;

import dev.peloton.runtime.api.LineageService;
import dev.peloton.runtime.api.LineageService.Lineage;
import dev.peloton.ui.lineage.LineageLayout;
import dev.peloton.ui.lineage.LineageSvg;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The lineage graph, or the subgraph {@code ?selection=} picks, drawn as server-rendered SVG. */
@Controller
public class LineagePage {

    private final LineageService lineage;
    private final LineageLayout layout;

    public LineagePage(LineageService lineage, LineageLayout layout) {
        this.lineage = lineage;
        this.layout = layout;
    }

    @GetMapping("/lineage")
    String lineage(@RequestParam(name = "selection", required = false) String selection,
            @RequestParam(name = "focus", required = false) String focus, Model model) {
        Lineage l = lineage.lineage(selection);
        model.addAttribute("selection", selection == null ? "" : selection);
        model.addAttribute("nodeCount", l.nodes().size());
        model.addAttribute("edgeCount", l.edges().size());
        model.addAttribute("svg", l.nodes().isEmpty() ? null
                : LineageSvg.render(layout.layout(l.nodes(), l.edges()), l.nodes(), focus));
        return "lineage";
    }
}
