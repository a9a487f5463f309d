/**
 * The app's identity, which must match electron-builder.yml (the builder
 * configuration test checks it). On Windows the AppUserModelID ties
 * notifications to the installed Start-menu shortcut, which electron-builder
 * creates with the appId; a different id would show them under "Electron"
 * or not at all.
 */
export const APP_ID = 'org.tableside.app';
export const PRODUCT_NAME = 'Tableside';
