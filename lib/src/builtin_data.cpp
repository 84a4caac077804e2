#include "builtin_data.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "snapshot.hpp"
#include "yaml_reader.hpp"

namespace magsel::detail {
namespace {
namespace fs = std::filesystem;

std::vector<fs::path> yaml_files_in(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}
}  // namespace

BuiltinData load_grade_directory(const std::string& directory) {
    BuiltinData data;
    const fs::path base(directory);
    auto display_name = [&](const fs::path& f) { return "grades/" + fs::relative(f, base).generic_string(); };
    for (const auto& f : yaml_files_in(base / "families")) {
        const auto doc = YamlDocument::load_named(f.string(), display_name(f));
        auto d = read_family_defaults(*doc);
        data.defaults[d.family] = std::move(d);
    }
    for (const auto& f : yaml_files_in(base)) {
        if (f.filename() == prices_file_name || f.filename() == supply_file_name) {
            std::ifstream in(f, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            (f.filename() == prices_file_name ? data.prices_yaml : data.supply_yaml) = text.str();
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
