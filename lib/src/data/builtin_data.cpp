#include "data/builtin_data.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "magsel/error.hpp"
#include "data/snapshot.hpp"
#include "data/yaml_reader.hpp"

namespace magsel::detail {
namespace {
namespace fs = std::filesystem;

}  // namespace

std::vector<std::string> yaml_files_in(const std::string& directory) {
    std::vector<std::string> files;
    auto fail = [&](const std::string& path, const std::string& why) {
        throw UsageError(fmt::format("cannot read the grade directory entry `{}`: {}", path, why));
    };
    std::error_code ec;
    const auto link = fs::symlink_status(directory, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) fail(directory, ec.message());
    if (!fs::exists(link)) return files;  // no such directory (e.g. no `families/`): nothing to read
    const auto status = fs::status(directory, ec);
    if (ec) fail(directory, fs::is_symlink(link) ? fmt::format("a symbolic link that leads nowhere ({})", ec.message())
                                                 : ec.message());
    if (!fs::is_directory(status)) fail(directory, "not a directory");
    fs::directory_iterator it(directory, ec);
    if (ec) fail(directory, ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) fail(directory, ec.message());
        const auto& entry = *it;
        const auto ext = entry.path().extension();
        if (ext != ".yaml" && ext != ".yml") continue;
        // every YAML file is read or named: a file that cannot be read is never skipped
        const auto st = fs::status(entry.path(), ec);
        if (ec) fail(entry.path().string(), fs::is_symlink(entry.symlink_status(ec))
                                                ? fmt::format("a symbolic link that leads nowhere ({})", ec.message())
                                                : ec.message());
        if (!fs::is_regular_file(st)) fail(entry.path().string(), "not a regular file");
        files.push_back(entry.path().string());
    }
    if (ec) fail(directory, ec.message());
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
