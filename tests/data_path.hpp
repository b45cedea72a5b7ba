// Where the tests find the bundled real data (examples/data), set by CMake.
#pragma once
#include <string>

#ifndef BORDERSTATS_DATA_DIR
#error "BORDERSTATS_DATA_DIR must be defined by the build"
#endif

inline std::string data_file(const char* name) { return std::string(BORDERSTATS_DATA_DIR) + "/" + name; }
