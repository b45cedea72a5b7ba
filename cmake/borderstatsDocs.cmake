# The `docs` target: HTML reference from the public headers, built with
# Doxygen into <build>/docs/html. Defined only when Doxygen is found; CI does
# not install Doxygen, so nothing here is needed for a build or a test.
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
    message(STATUS "borderstats: Doxygen not found, no `docs` target")
    return()
endif()
configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${PROJECT_BINARY_DIR}/docs/Doxyfile" @ONLY)
add_custom_target(docs
    COMMAND Doxygen::doxygen "${PROJECT_BINARY_DIR}/docs/Doxyfile"
    WORKING_DIRECTORY "${PROJECT_BINARY_DIR}/docs"
    COMMENT "Building the borderstats API reference in ${PROJECT_BINARY_DIR}/docs/html"
    VERBATIM)
