# borderstats::boost_date_time: the Boost.Date_Time interop target of an
# installed (or exported) borderstats. Included by borderstatsConfig.cmake
# only when a consumer asks for the component, after Boost::headers is found:
#   find_package(borderstats CONFIG REQUIRED COMPONENTS boost_date_time)
# Header-only: it adds Boost's headers to borderstats::borderstats, no library.
if(NOT TARGET borderstats::boost_date_time)
    add_library(borderstats::boost_date_time INTERFACE IMPORTED)
    set_target_properties(borderstats::boost_date_time PROPERTIES
        INTERFACE_LINK_LIBRARIES "borderstats::borderstats;Boost::headers")
endif()
