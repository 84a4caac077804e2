#include "data/builtin_data.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "data/snapshot.hpp"
#include "data/yaml_reader.hpp"

namespace magsel::detail {
namespace {
namespace fs = std::filesystem;

}  // namespace

std::vector<std::string> yaml_files_in(const std::string& directory) {
    std::vector<std::string> files;
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) return files;
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        const auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

BuiltinData load_grade_directory(const std::string& directory) {
    BuiltinData data;
    const fs::path base(directory);
    auto display_name = [&](const fs::path& f) { return "grades/" + fs::relative(f, base).generic_string(); };
    for (const fs::path f : yaml_files_in((base / "families").string())) {
        const auto doc = YamlDocument::load_named(f.string(), display_name(f));
        auto d = read_family_defaults(*doc);
        data.defaults[d.family] = std::move(d);
    }
    for (const fs::path f : yaml_files_in(directory)) {
        if (f.filename() == prices_file_name) {
            data.prices = PriceTable::load(f.string());
            continue;
        }
        if (f.filename() == supply_file_name) {
            data.supply = SupplyData::load(f.string());
            continue;
        }
        const auto doc = YamlDocument::load_named(f.string(), display_name(f));
        for (auto& g : read_grade_file(*doc, data.defaults, true)) data.grades.push_back(std::move(g));
    }
    return data;
}

const BuiltinData& builtin_data() {
    static const BuiltinData data = read_snapshot(
        std::string_view(reinterpret_cast<const char*>(embedded_snapshot), embedded_snapshot_size));
    return data;
}

}  // namespace magsel::detail
