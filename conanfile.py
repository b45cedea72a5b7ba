"""Conan 2 recipe for borderstats, a header-only C++17 library.

    conan create .                          # package this checkout, run test_package/
    conan create . -o "borderstats/*:boost_date_time=True"   # with the Boost interop
    conan install --requires=borderstats/<version>  (after `conan create` or an upload)

The version is read from CMakeLists.txt's project(VERSION), the one place it
is set (.ci/check-versions checks the copies in version.hpp and vcpkg.json).
The package is made by the project's own `cmake --install` (tests, examples,
benchmarks and docs off); Conan's CMakeDeps and PkgConfigDeps then generate
the consumer files under the same names as the project's own: the CMake
package `borderstats`, the target `borderstats::borderstats`, and the
pkg-config module `borderstats`. The core needs nothing but C++17; the option
boost_date_time (default False) adds Boost (header-only) and the component
`borderstats::boost_date_time` / pkg-config `borderstats-boost-date-time`
for <borderstats/boost_date_time.hpp>.
"""

import os
import re

from conan import ConanFile
from conan.errors import ConanException
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir

required_conan_version = ">=2.0"


class BorderstatsConan(ConanFile):
    name = "borderstats"
    description = ("Header-only C++ library for border statistics: civil months, fiscal calendars, "
                   "monthly series, CBP and BTS readers")
    license = "MIT"
    homepage = "https://example.invalid/borderstats"
    url = homepage
    topics = ("statistics", "calendar", "fiscal-year", "time-series", "header-only")

    package_type = "header-library"
    # Settings only drive the (compile-free) CMake configure; package_id()
    # clears them, so there is one package for every configuration.
    settings = "os", "arch", "compiler", "build_type"
    options = {"boost_date_time": [True, False]}
    default_options = {"boost_date_time": False}
    exports_sources = "CMakeLists.txt", "LICENSE", "cmake/*", "include/*"
    no_copy_source = True

    def set_version(self):
        text = load(self, os.path.join(self.recipe_folder, "CMakeLists.txt"))
        match = re.search(r"project\s*\(\s*borderstats\b[^)]*?\bVERSION\s+([0-9]+(?:\.[0-9]+){0,3})", text)
        if not match:
            raise ConanException("borderstats: no project(borderstats VERSION x.y.z) in CMakeLists.txt")
        self.version = match.group(1)

    def layout(self):
        cmake_layout(self)

    def configure(self):
        if self.options.boost_date_time:
            # Only Boost's header-only part is used: nothing of Boost is compiled.
            self.options["boost"].header_only = True

    def requirements(self):
        # Only <borderstats/boost_date_time.hpp> includes Boost headers, so
        # consumers of the interop need them too.
        if self.options.boost_date_time:
            self.requires("boost/[>=1.74.0 <2]", transitive_headers=True)

    def package_id(self):
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 17)

    def generate(self):
        toolchain = CMakeToolchain(self)
        toolchain.cache_variables["BORDERSTATS_INSTALL"] = True
        toolchain.cache_variables["BORDERSTATS_BOOST_DATE_TIME"] = "ON" if self.options.boost_date_time else "OFF"
        for option in ("TESTS", "EXAMPLES", "BENCHMARKS", "DOCS"):
            toolchain.cache_variables[f"BORDERSTATS_BUILD_{option}"] = False
        toolchain.generate()
        CMakeDeps(self).generate()

    def build(self):
        # Nothing to compile; the configure step prepares the install rules.
        cmake = CMake(self)
        cmake.configure()

    def package(self):
        copy(self, "LICENSE", src=self.source_folder, dst=os.path.join(self.package_folder, "licenses"))
        cmake = CMake(self)
        cmake.install()
        # Conan generates the CMake and pkg-config files for consumers itself.
        rmdir(self, os.path.join(self.package_folder, "share"))

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "borderstats")
        # The umbrella target and module hold every component; consumers name
        # the component targets below.
        self.cpp_info.set_property("cmake_target_name", "borderstats::all")
        self.cpp_info.set_property("pkg_config_name", "borderstats-all")
        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "borderstats::borderstats")
        core.set_property("pkg_config_name", "borderstats")
        core.bindirs = []
        core.libdirs = []
        if self.options.boost_date_time:
            interop = self.cpp_info.components["boost_date_time"]
            interop.set_property("cmake_target_name", "borderstats::boost_date_time")
            interop.set_property("pkg_config_name", "borderstats-boost-date-time")
            interop.requires = ["core", "boost::headers"]
            interop.bindirs = []
            interop.libdirs = []
