#include "magsel/report/html_report.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "magsel/demag_plot.hpp"
#include "magsel/match_plot.hpp"
#include "magsel/report/match_report.hpp"
#include "magsel/select.hpp"
#include "magsel/version.hpp"
#include "report/xml_escape.hpp"

namespace magsel::report {
namespace {

std::string esc(const std::string& s) { return detail::xml_escape(s); }
double celsius(units::Temperature t) { return units::to_celsius(t); }

// Print-friendly, phone-friendly, no external fonts or resources.
constexpr const char* style = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; margin: 0 auto;
       max-width: 1100px; padding: 1rem; color: #1a1a1a; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
.meta { color: #555; font-size: 0.9rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.fragile td { background: #fff3e0; } .legend { font-size: 0.85rem; color: #444; white-space: pre-line; }
.callout { border-left: 4px solid #2b6cb0; background: #f0f6ff; padding: 0.5rem 0.8rem; margin: 0.5rem 0; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.85rem; color: #444; }
ol.sources { font-size: 0.85rem; } code { font-size: 0.9em; }
@media (max-width: 600px) { body { padding: 0.5rem; } table { font-size: 0.8rem; } h1 { font-size: 1.3rem; } }
@media print { body { max-width: none; } .scroll { overflow: visible; } figure, tr { break-inside: avoid; }
               h2 { break-after: avoid; } a { color: inherit; text-decoration: none; } }
)";

// Records each chart's rendered size (the browser test reads it) and says the page loaded.
constexpr const char* script = R"(
window.addEventListener('load', function () {
  var sizes = [];
  document.querySelectorAll('figure svg').forEach(function (s) {
    var r = s.getBoundingClientRect();
    sizes.push(Math.round(r.width) + 'x' + Math.round(r.height));
  });
  document.body.setAttribute('data-chart-sizes', sizes.join(' '));
  console.log('magsel-report-loaded charts=' + sizes.length);
});
)";

/// A table of strings as HTML; columns whose header is in `numeric` are right-aligned.
std::string html_table(const Table& t, const std::vector<std::string>& row_classes = {}) {
    std::string out = "<div class=\"scroll\"><table><thead><tr>";
    for (const auto& h : t.header) out += "<th>" + esc(h) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto cls = i < row_classes.size() && !row_classes[i].empty() ? " class=\"" + row_classes[i] + "\"" : "";
        out += "<tr" + cls + ">";
        for (std::size_t c = 0; c < t.rows[i].size(); ++c) {
            const bool right = c < t.right_align.size() && t.right_align[c];
            out += (right ? "<td class=\"num\">" : "<td>") + esc(t.rows[i][c]) + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

/// An SVG chart inline, its clip-path id made unique within the page.
std::string inline_svg(std::string svg, int n) {
    const std::string id = fmt::format("plot{}", n);
    for (std::size_t p; (p = svg.find("id=\"plot\"")) != std::string::npos;) svg.replace(p, 9, "id=\"" + id + "\"");
    for (std::size_t p; (p = svg.find("url(#plot)")) != std::string::npos;) svg.replace(p, 10, "url(#" + id + ")");
    return svg;
}

std::string requirement_section(const Requirement& r) {
    Table t;
    t.header = {"item", "value"};
    auto row = [&](std::string k, std::string v) { t.rows.push_back({std::move(k), std::move(v)}); };
    row("application", r.application);
    row("temperature range", fmt::format("{:g} … {:g} °C (step {:g} K)", celsius(r.min_temperature),
                                         celsius(r.max_temperature), r.temperature_step.value()));
    row("basis", fmt::format("{} values", to_string(r.basis)));
    if (r.min_remanence) row("min. Br at every temperature", fmt::format("{:.3f} T", r.min_remanence->value()));
    if (r.min_flux_density) row("min. open-circuit B", fmt::format("{:.3f} T", r.min_flux_density->value()));
    if (r.permeance_coefficient) {
        row("permeance coefficient Pc", fmt::format("{:g}", *r.permeance_coefficient));
        std::string at = "every temperature";
        if (!r.opposing_field_at.empty()) {
            std::vector<std::string> ts;
            for (const auto& x : r.opposing_field_at) ts.push_back(fmt::format("{:g} °C", celsius(x)));
            at = fmt::format("{}", fmt::join(ts, ", "));
        }
        row("opposing field", fmt::format("{:.0f} kA/m at {}{}", r.opposing_field.value() / 1000.0, at,
                                          r.safety_margin > 0 ? fmt::format(", × (1 + {:g} %)", r.safety_margin * 100) : ""));
        row("irreversible-loss limit", fmt::format("{:g} % (instantaneous loss)", r.max_irreversible_loss * 100.0));
    }
    std::vector<std::string> c;
    if (!r.families.empty()) {
        std::vector<std::string> f;
        for (auto x : r.families) f.emplace_back(to_string(x));
        c.push_back(fmt::format("families {}", fmt::join(f, ", ")));
    }
    if (r.heavy_rare_earth_free) c.emplace_back("heavy-rare-earth-free");
    if (r.export_controlled_free) c.emplace_back("free of export-controlled elements");
    if (r.max_dy_tb) c.push_back(fmt::format("Dy+Tb ≤ {:g} %", *r.max_dy_tb * 100.0));
    if (r.max_cost) c.push_back(fmt::format("cost ≤ {:g} USD/kg", r.max_cost->value()));
    if (r.min_recycled_content) c.push_back(fmt::format("recycled content ≥ {:g} %", *r.min_recycled_content * 100.0));
    if (r.require_rated_temperature) c.emplace_back("rated temperature reaches the range");
    if (!c.empty()) row("constraints", fmt::format("{}", fmt::join(c, "; ")));
    row("robustness target", fmt::format("temperature margin ≥ {:g} K, field margin ≥ {:g} %",
                                         r.robustness.temperature.value(), r.robustness.field * 100.0));
    if (r.magnet_mass) row("magnet mass", fmt::format("{:g} kg", r.magnet_mass->value()));
    std::string out = "<section id=\"requirement\"><h2>Requirement</h2>\n";
    if (!r.notes.empty()) out += "<p>" + esc(r.notes) + "</p>\n";
    return out + html_table(t) + "</section>\n";
}

std::string cost_table(const CostBreakdown& cost, std::set<std::string>& cited) {
    Table t;
    t.header = {"element", "wt %", "price USD/kg", "as quoted", "date", "market", "USD per kg magnet"};
    t.right_align = {false, true, true, false, false, false, true};
    for (const auto& l : cost.lines) {
        if (!l.price) {
            t.rows.push_back({l.element, fmt::format("{:.2f}", l.fraction * 100.0), "-", "no price", "", "", "0"});
            continue;
        }
        const auto& p = *l.price;
        cited.insert(p.source.citation());
        t.rows.push_back({l.element, fmt::format("{:.2f}", l.fraction * 100.0), fmt::format("{:.1f}", p.per_kg.value()),
                          p.quoted + (p.estimated.empty() ? "" : " (estimated)") +
                              (p.scenario.empty() ? "" : " — SCENARIO " + p.scenario + ", not this quote"),
                          p.date,
                          p.market + (p.fallback.empty() ? "" : " †"), fmt::format("{:.2f}", l.contribution.value())});
    }
    t.rows.push_back({"total", "", "", fmt::format("yield {:.2f}, processing {:.1f} USD/kg", cost.yield,
                                                   cost.processing.value()),
                      cost.price_date, cost.market, fmt::format("{:.2f}", cost.total.value())});
    return html_table(t);
}

void cite_grade(const Grade& g, std::set<std::string>& cited) {
    cited.insert(fmt::format("{} — {}", g.name, g.source.citation()));
    for (const auto& s : g.other_sources)
        if (s.citation() != g.source.citation())
            cited.insert(fmt::format("{} ({}) — {}", g.name, s.id == "file" ? "its grade file's source" : s.id, s.citation()));
}

}  // namespace

std::string catalogue_date(const Catalogue& catalogue) {
    std::string newest;
    for (const auto& g : catalogue.grades())
        if (g.source.retrieved > newest) newest = g.source.retrieved;
    return newest.empty() ? std::string("undated") : newest;
}

ReviewPage design_review(const Requirement& r, const Catalogue& catalogue, const PriceTable& prices,
                         const SupplyData& supply, const ReviewOptions& options) {
    const auto result = match(catalogue, r, prices, supply);
    const auto under = match(catalogue, under_scenario(r, SupplyScenario::no_export_controlled), prices, supply);
    const auto change = scenario_change(result, under, SupplyScenario::no_export_controlled);
    const std::size_t charted = std::min(options.charted, result.candidates.size());
    std::set<std::string> cited;
    int chart = 0;

    std::string h = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Design review: {0}</title>\n<style>{1}</style>\n</head>\n<body>\n"
        "<header><h1>Design review: {0}</h1>\n<p class=\"meta\">magsel {2} · {3} grades, sources retrieved up to {4} · "
        "requirement file <code>{5}</code> · costs: {6} prices ({7}) — estimates from dated public prices, not quotes</p>"
        "</header>\n",
        esc(r.name), style, version_string, catalogue.grades().size(), catalogue_date(catalogue), esc(r.file),
        esc(prices.market().id), esc(prices.market().name));
    h += requirement_section(r);

    // ---- ranked candidates ----
    h += "<section id=\"candidates\"><h2>Ranked candidates</h2>\n";
    h += fmt::format("<p>{} of {} grades qualify.</p>\n", result.candidates.size(),
                     result.candidates.size() + result.rejected.size());
    if (!result.candidates.empty()) {
        std::vector<std::string> classes;
        for (const auto& c : result.candidates) classes.emplace_back(c.robust ? "" : "fragile");
        h += html_table(candidates_table(result, result.candidates.size()), classes);
        h += "<p class=\"legend\">" + esc(candidates_legend(r)) + "Rows shaded orange are below the robustness target.</p>\n";
        for (const auto& c : result.candidates)
            if (!c.evaluation.flags.empty())
                h += fmt::format("<p class=\"legend\">{}: {}</p>\n", esc(c.evaluation.grade->name),
                                 esc(fmt::format("{}", fmt::join(c.evaluation.flags, "; "))));
    } else {
        h += "<p class=\"callout\">No grade meets every requirement: see the rejected grades below.</p>\n";
    }
    h += "</section>\n";

    // ---- alternatives and scenario ----
    if (!result.candidates.empty()) {
        h += "<section id=\"alternatives\"><h2>Heavy-rare-earth-free and export-control-free alternatives</h2>\n";
        h += "<p class=\"callout\">" + esc(alternative_text("HRE-free", result.hre_free_alternative, result, r)) + "</p>\n";
        h += "<p class=\"callout\">" +
             esc(alternative_text("export-control-free", result.export_controlled_free_alternative, result, r)) + "</p>\n";
        h += "<h3>Supply scenario: no export-controlled element to be had</h3>\n<p>" + esc(scenario_text(change)) + "</p>\n";
        if (!under.candidates.empty())
            h += html_table(candidates_table(under, std::min<std::size_t>(5, under.candidates.size())));
        h += "</section>\n";
    }

    // ---- charts ----
    if (charted > 0) h += "<section id=\"charts\"><h2>Demagnetization curves of the front-runners</h2>\n";
    if (charted == 0) {
        // nothing qualifies: no front-runner to chart or cost
    } else if (r.permeance_coefficient) {
        const LoadLine load{*r.permeance_coefficient, load_case(r).opposing_field};
        for (std::size_t i = 0; i < charted; ++i) {
            const auto& g = *result.candidates[i].evaluation.grade;
            const auto plot = demag_curves_plot(g, {r.min_temperature, r.max_temperature}, load, r.basis, PlotUnits::si,
                                                r.max_irreversible_loss);
            h += fmt::format("<figure>{}<figcaption>#{} {}: normal and intrinsic curves at {:g} and {:g} °C, the load line "
                             "at Pc {:g} with the opposing field, working points (an X fails the loss limit).</figcaption>"
                             "</figure>\n",
                             inline_svg(render_svg(plot), ++chart), i + 1, esc(g.name), celsius(r.min_temperature),
                             celsius(r.max_temperature), *r.permeance_coefficient);
        }
    } else {
        h += "<p>The requirement has no demagnetization block: no load line to draw.</p>\n";
    }
    if (charted > 0) h += "</section>\n";
    if (!result.candidates.empty()) {
        h += "<section id=\"pareto\"><h2>Br at the worst temperature against cost</h2>\n";
        h += fmt::format("<figure>{}<figcaption>Every candidate; the staircase is the two-objective Pareto front "
                         "(more Br, less cost).</figcaption></figure>\n</section>\n",
                         inline_svg(render_svg(candidates_scatter_plot(result, r, ScatterAxis::cost)), ++chart));
    }

    // ---- cost ----
    if (charted > 0) h += "<section id=\"cost\"><h2>Cost of the front-runners</h2>\n";
    for (std::size_t i = 0; i < charted; ++i) {
        const auto& e = result.candidates[i].evaluation;
        if (!e.cost) continue;
        h += fmt::format("<h3>#{} {}: {:.1f} USD/kg{}</h3>\n", i + 1, esc(e.grade->name), e.cost->total.value(),
                         e.part_cost ? fmt::format(", {:.2f} USD per machine", e.part_cost->value()) : "");
        h += cost_table(*e.cost, cited);
    }
    if (charted > 0)
        h += "<p class=\"legend\">† the market has no quote of its own for this element: the default market's price. "
             "Processing cost and yield are magsel's estimates (docs/economics.md).</p>\n</section>\n";

    // ---- rejections ----
    h += "<section id=\"rejections\"><h2>Rejected grades</h2>\n";
    std::vector<const Evaluation*> rejected;
    for (const auto& e : result.rejected) rejected.push_back(&e);
    h += html_table(to_table(rejection_schema(), {"grade", "check", "reason"}, rejected));
    h += "</section>\n";

    // ---- sources ----
    for (std::size_t i = 0; i < result.candidates.size(); ++i) cite_grade(*result.candidates[i].evaluation.grade, cited);
    for (const auto* a : {&result.hre_free_alternative, &result.export_controlled_free_alternative})
        if (*a && (*a)->grade) cite_grade(*(*a)->grade, cited);
    for (const auto& l : supply.lists())
        if (l.status == "in-force") cited.insert(fmt::format("{} ({}) — {}", l.name, l.jurisdiction, l.source.citation()));
    h += "<section id=\"sources\"><h2>Sources</h2>\n<p>Every grade value above comes from these (grade files in "
         "<code>grades/</code>, each value's own source in <code>magsel grades show GRADE</code>); prices and "
         "export-control lists from <code>grades/prices.yaml</code> and <code>grades/supply.yaml</code>.</p>\n"
         "<ol class=\"sources\">\n";
    for (const auto& c : cited) h += "<li>" + esc(c) + "</li>\n";
    h += "</ol>\n</section>\n";
    h += fmt::format("<footer class=\"meta\"><p>magsel {}: working points, margins and losses from magsel's models "
                     "(docs/physics.md); the loss is the instantaneous (recoil) loss, not the time-dependent one. "
                     "Check your supplier's datasheet before you order.</p></footer>\n",
                     version_string);
    h += fmt::format("<script>{}</script>\n</body>\n</html>\n", script);
    return ReviewPage{std::move(h), result.candidates.size()};
}

}  // namespace magsel::report
