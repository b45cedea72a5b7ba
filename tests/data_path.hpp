// Where the tests find the bundled real data (examples/data), set by CMake.
#pragma once
#include <string>

#ifndef BORDERSTATS_DATA_DIR
#error "BORDERSTATS_DATA_DIR must be defined by the build"
#endif

inline std::string data_file(const char* name) { return std::string(BORDERSTATS_DATA_DIR) + "/" + name; }

#include <filesystem>
#include <random>

// A path in the temporary folder that no other test process uses: ctest runs
// test cases in parallel processes, so a fixed name would be shared.
inline std::filesystem::path unique_temp_path(const std::string& stem) {
    static int counter = 0;
    return std::filesystem::temp_directory_path() /
           ("borderstats_" + stem + "_" + std::to_string(std::random_device{}()) + "_" + std::to_string(++counter) + ".csv");
}
