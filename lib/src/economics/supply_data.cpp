// Supply data: export-control and critical-raw-material lists, and a grade's exposure to them
// (magsel/economics.hpp; grades/supply.yaml).
#include "magsel/economics.hpp"

#include <fmt/format.h>

#include "data/builtin_data.hpp"
#include "data/source_reader.hpp"
#include "data/yaml_reader.hpp"
#include "magsel/error.hpp"

namespace magsel {

using detail::YamlDocument;

SupplyData SupplyData::parse(const std::string& text, const std::string& name) {
    const auto doc = YamlDocument::parse(text, name);
    const auto root = doc->root();
    root.check_keys({"source", "sources", "notes", "lists", "risk_weights"});
    const auto sources = detail::read_sources(root);
    SupplyData d;
    for (const auto& item : root.require("lists").items()) {
        item.check_keys({"id", "name", "kind", "jurisdiction", "date", "status", "elements", "source", "notes"});
        SupplyList l;
        l.id = item.require("id").text();
        l.name = item.require("name").text();
        const auto kind = item.require("kind");
        l.kind = kind.text();
        if (l.kind != "export-control" && l.kind != "critical-raw-material")
            kind.fail("`kind` is export-control or critical-raw-material");
        if (auto j = item.find("jurisdiction")) l.jurisdiction = j->text();
        l.date = detail::read_date(item.require("date"), true);
        const auto status = item.require("status");
        l.status = status.text();
        if (l.status != "in-force" && l.status != "suspended" && l.status != "superseded")
            status.fail("`status` is in-force, suspended or superseded");
        for (const auto& e : item.require("elements").items()) {
            if (!detail::is_known_element(e.text())) e.fail(fmt::format("unknown element `{}`", e.text()));
            l.elements.push_back(e.text());
        }
        std::string id;
        if (auto ref = item.find("source")) {
            id = ref->text();
            detail::check_source_id(*ref, id, sources);
        }
        l.source = detail::find_source(sources, id);
        d.lists_.push_back(std::move(l));
    }
    d.weights_ = {{"export-control", 1.0}, {"critical-raw-material", 0.25}};
    if (auto w = root.find("risk_weights")) {
        w->check_keys({"export-control", "critical-raw-material"});
        for (const auto& [kind, value] : w->entries()) {
            const double x = value.number();
            if (!(x >= 0.0 && x <= 1.0)) value.fail("a risk weight is between 0 and 1");
            d.weights_[kind] = x;
        }
    }
    return d;
}

SupplyData SupplyData::builtin() {
    const auto& data = detail::builtin_data().supply;
    if (!data) throw UsageError("this build has no built-in supply data (grades/supply.yaml)");
    return *data;
}

SupplyData SupplyData::load(const std::string& path) { return parse(detail::read_input_file(path, path), path); }

double SupplyData::weight(std::string_view kind) const {
    const auto it = weights_.find(kind);
    return it == weights_.end() ? 0.0 : it->second;
}

SupplyExposure supply_exposure(const Grade& grade, const SupplyData& supply) {
    SupplyExposure x;
    x.hre_free = is_hre_free(grade);
    if (grade.heavy_rare_earth) {
        x.dy_tb_fraction = grade.heavy_rare_earth->dy_tb_fraction;
        x.dy_tb_estimated = grade.heavy_rare_earth->estimated;
    } else if (grade.composition) {
        x.dy_tb_fraction = grade.composition->fraction_of("Dy") + grade.composition->fraction_of("Tb");
        x.dy_tb_estimated = grade.composition->estimated;
    }
    if (!grade.composition) return x;
    auto add_unique = [](std::vector<std::string>& v, const std::string& e) {
        if (std::find(v.begin(), v.end(), e) == v.end()) v.push_back(e);
    };
    for (const auto& e : grade.composition->elements) {
        if (e.fraction <= 0.0) continue;
        // "PrNd" is Pr and Nd
        const std::vector<std::string> names = e.element == "PrNd" ? std::vector<std::string>{"Pr", "Nd"}
                                                                   : std::vector<std::string>{e.element};
        double w = 0.0;
        for (const auto& list : supply.lists()) {
            if (list.status != "in-force") continue;
            for (const auto& n : names) {
                if (std::find(list.elements.begin(), list.elements.end(), n) == list.elements.end()) continue;
                w = std::max(w, supply.weight(list.kind));
                add_unique(list.kind == "export-control" ? x.controlled : x.critical, n);
            }
        }
        x.supply_risk += e.fraction * w;
    }
    // an element that is controlled is not listed again as merely critical
    std::erase_if(x.critical, [&](const std::string& e) {
        return std::find(x.controlled.begin(), x.controlled.end(), e) != x.controlled.end();
    });
    return x;
}

}  // namespace magsel
