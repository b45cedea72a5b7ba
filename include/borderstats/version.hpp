// borderstats/version.hpp: the library's semantic version, as macros and constants.
// The version is set once, in CMakeLists.txt's project(); .ci/check-versions
// checks that this file, vcpkg.json and conanfile.py agree with it.
#pragma once

#define BORDERSTATS_VERSION_MAJOR 0
#define BORDERSTATS_VERSION_MINOR 1
#define BORDERSTATS_VERSION_PATCH 0
#define BORDERSTATS_VERSION_STRING "0.1.0"
/// major * 10000 + minor * 100 + patch, for #if comparisons.
#define BORDERSTATS_VERSION (BORDERSTATS_VERSION_MAJOR * 10000 + BORDERSTATS_VERSION_MINOR * 100 + BORDERSTATS_VERSION_PATCH)

namespace borderstats {
inline namespace v1 {
inline constexpr int version_major = BORDERSTATS_VERSION_MAJOR;
inline constexpr int version_minor = BORDERSTATS_VERSION_MINOR;
inline constexpr int version_patch = BORDERSTATS_VERSION_PATCH;
inline constexpr const char* version_string = BORDERSTATS_VERSION_STRING;
}  // namespace v1
}  // namespace borderstats
