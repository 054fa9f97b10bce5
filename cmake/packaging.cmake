# Debian packages (make package; docs/operations.md, "Install on a store
# server"): groupbuy-store (the store server and head office), groupbuy-kiosk,
# groupbuy-provision, made by CPack's DEB generator. The version is the
# project's (CMakeLists.txt, project(VERSION)); Depends come from
# dpkg-shlibdeps. tests/packaging/packages_test.sh inspects them.
set(GB_UNIT_DIR /lib/systemd/system)  # Debian 12's systemdsystemunitdir
set(GB_UDEV_DIR /lib/udev/rules.d)    # and its udev rules dir
set(GB_PKG ${PROJECT_SOURCE_DIR}/packaging)

# Every package carries its copyright and a compressed changelog (Debian policy 12.5, 12.7).
configure_file(${GB_PKG}/debian/changelog.in ${PROJECT_BINARY_DIR}/packaging/changelog @ONLY)
execute_process(COMMAND gzip -9nc ${PROJECT_BINARY_DIR}/packaging/changelog
                OUTPUT_FILE ${PROJECT_BINARY_DIR}/packaging/changelog.gz)

function(gb_package_docs component package)
  install(FILES ${GB_PKG}/debian/copyright ${PROJECT_BINARY_DIR}/packaging/changelog.gz
          DESTINATION share/doc/${package} COMPONENT ${component})
endfunction()

set(CPACK_COMPONENTS_ALL)
if(TARGET groupbuy-store)
  install(TARGETS groupbuy-store RUNTIME DESTINATION bin COMPONENT store)
  install(FILES ${GB_PKG}/systemd/groupbuy-store@.service DESTINATION ${GB_UNIT_DIR}
          COMPONENT store)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md DESTINATION share/doc/groupbuy-store
          COMPONENT store)
  gb_package_docs(store groupbuy-store)
  list(APPEND CPACK_COMPONENTS_ALL store)
endif()
if(TARGET groupbuy-kiosk)
  install(TARGETS groupbuy-kiosk RUNTIME DESTINATION bin COMPONENT kiosk)
  install(FILES ${GB_PKG}/systemd/groupbuy-kiosk.service DESTINATION ${GB_UNIT_DIR}
          COMPONENT kiosk)
  install(FILES ${GB_PKG}/udev/70-groupbuy.rules DESTINATION ${GB_UDEV_DIR} COMPONENT kiosk)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/docs/printing.md
          DESTINATION share/doc/groupbuy-kiosk COMPONENT kiosk)
  gb_package_docs(kiosk groupbuy-kiosk)
  list(APPEND CPACK_COMPONENTS_ALL kiosk)
endif()
if(TARGET groupbuy-provision)
  install(TARGETS groupbuy-provision RUNTIME DESTINATION bin COMPONENT provision)
  gb_package_docs(provision groupbuy-provision)
  list(APPEND CPACK_COMPONENTS_ALL provision)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_NAME groupbuy)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "groupbuy maintainers <groupbuy@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "group-buy kiosks for shops")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 1)

set(CPACK_DEBIAN_STORE_PACKAGE_NAME groupbuy-store)
set(CPACK_DEBIAN_STORE_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_STORE_PACKAGE_CONTROL_EXTRA
    "${GB_PKG}/debian/store/postinst;${GB_PKG}/debian/store/postrm")
set(CPACK_COMPONENT_STORE_DESCRIPTION
    "group-buy store server and head office\n"
    "groupbuy-store collects the sign-ups of a store's kiosks, keeps the\n"
    "tallies of every deal and serves the staff dashboard; the same program\n"
    "runs a chain's head office. It runs as the system user groupbuy from\n"
    "the systemd unit groupbuy-store@.service, one instance per folder in\n"
    "/var/lib/groupbuy.")

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME groupbuy-kiosk)
# Hyphenation dictionaries of the screen and the receipts (drivers/hyphen);
# libhyphen0 itself comes from SHLIBDEPS.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "adduser, fonts-dejavu-core, fonts-wqy-microhei, hyphen-ru, hyphen-en-us")
# Receipts and the screen draw Chinese bold with Noto Sans CJK; without it,
# WenQuanYi with a synthesised bold (drivers/text/ttf_rasterizer.h,
# ui/sdl/font_chain.h).
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "fonts-noto-cjk")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${GB_PKG}/debian/kiosk/postinst;${GB_PKG}/debian/kiosk/postrm")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
    "group-buy touchscreen kiosk\n"
    "groupbuy-kiosk signs shoppers up for group-buy deals and prints their\n"
    "vouchers. It runs full screen on the console (SDL kmsdrm) as the user\n"
    "kiosk from the systemd unit groupbuy-kiosk.service; a udev rule gives\n"
    "the group plugdev its USB printer and scanner.")

set(CPACK_DEBIAN_PROVISION_PACKAGE_NAME groupbuy-provision)
set(CPACK_DEBIAN_PROVISION_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-wqy-microhei")
set(CPACK_DEBIAN_PROVISION_PACKAGE_RECOMMENDS "fonts-noto-cjk")
set(CPACK_COMPONENT_PROVISION_DESCRIPTION
    "group-buy set-up tool\n"
    "groupbuy-provision sets up stores, head offices and kiosks, enrols\n"
    "kiosks, manages staff and deals, tests printers and makes backups.")

include(CPack)
