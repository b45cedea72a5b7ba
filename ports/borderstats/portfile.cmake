# vcpkg overlay port for borderstats (header-only).
#   vcpkg install borderstats --overlay-ports=<borderstats checkout>/ports
# or, in manifest mode, list "borderstats" in your vcpkg.json and pass the same
# --overlay-ports (or set VCPKG_OVERLAY_PORTS).

# Overlay use: build from the checkout this port lives in (ports/borderstats/../..).
set(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../..")
if(NOT EXISTS "${SOURCE_PATH}/include/borderstats/borderstats.hpp")
    message(FATAL_ERROR "borderstats overlay port: no borderstats source tree at ${SOURCE_PATH}")
endif()
# For a registry (or a port kept outside the checkout), replace the two
# statements above with a download of the release tag:
#
# vcpkg_from_github(
#     OUT_SOURCE_PATH SOURCE_PATH
#     REPO <owner>/borderstats                  # PLACEHOLDER: the published repository
#     REF "v${VERSION}"
#     SHA512 0                                  # PLACEHOLDER: vcpkg prints the real hash on the first run
#     HEAD_REF main
# )

# Header-only: one (release) configuration is enough, and nothing is compiled.
set(VCPKG_BUILD_TYPE release)

# Feature boost-date-time: Boost.Date_Time interop (borderstats::boost_date_time).
# Without it nothing looks for Boost; the installed package still holds the
# interop component, which finds Boost when a consumer asks for it.
vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        boost-date-time BORDERSTATS_WITH_BOOST
)
if(BORDERSTATS_WITH_BOOST)
    set(BOOST_OPTION -DBORDERSTATS_BOOST_DATE_TIME=ON)
else()
    set(BOOST_OPTION -DBORDERSTATS_BOOST_DATE_TIME=OFF)
endif()

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        ${BOOST_OPTION}
        -DBORDERSTATS_INSTALL=ON
        -DBORDERSTATS_BUILD_TESTS=OFF
        -DBORDERSTATS_BUILD_EXAMPLES=OFF
        -DBORDERSTATS_BUILD_BENCHMARKS=OFF
        -DBORDERSTATS_BUILD_DOCS=OFF
)
vcpkg_cmake_install()
# Our package files are already in share/borderstats; this fixes their paths.
vcpkg_cmake_config_fixup(CONFIG_PATH share/borderstats)
vcpkg_fixup_pkgconfig()

# Header-only: no debug tree. The licence goes to share/borderstats/copyright.
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug" "${CURRENT_PACKAGES_DIR}/share/doc")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
