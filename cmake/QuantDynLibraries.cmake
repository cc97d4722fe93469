#===- QuantDynLibraries.cmake - The project's link graph -----------------===#
#
# Used by the install rules (the export set must be closed under linking)
# and by the link check of quant-dyn-opt (tools/quant-dyn-opt).
#
#===----------------------------------------------------------------------===#

# Collects into `out_var` the non-imported library targets reachable from
# `roots` through LINK_LIBRARIES / INTERFACE_LINK_LIBRARIES (plain names;
# MLIR's and LLVM's imported targets are left out).
function(quant_dyn_collect_libraries out_var)
  set(pending ${ARGN})
  set(seen)
  while(pending)
    list(POP_FRONT pending name)
    if(NOT TARGET ${name} OR name IN_LIST seen)
      continue()
    endif()
    get_target_property(aliased ${name} ALIASED_TARGET)
    get_target_property(imported ${name} IMPORTED)
    get_target_property(type ${name} TYPE)
    if(aliased OR imported OR type STREQUAL "EXECUTABLE")
      continue()
    endif()
    list(APPEND seen ${name})
    set(deps)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(link ${name} LINK_LIBRARIES)
      if(link)
        list(APPEND deps ${link})
      endif()
    endif()
    get_target_property(interface ${name} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND deps ${interface})
    endif()
    foreach(dep IN LISTS deps)
      if(NOT dep MATCHES "^\\$<")
        list(APPEND pending ${dep})
      endif()
    endforeach()
  endwhile()
  set(${out_var} ${seen} PARENT_SCOPE)
endfunction()
