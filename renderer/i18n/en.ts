import type { zhCN } from './zh-CN';

/** English, the second locale. `satisfies` makes a missing or an extra key a type error. */
export const en = {
  'app.name': 'Secrecy Ledger',
  'app.loading': 'Opening the database…',
  'app.version': 'Version {version}',
  'app.footer': 'This is a classified computer: never connect it to the Internet or to any other network.',
  'app.startProblem': 'The start-up self-check did not complete: {message}',

  'locale.label': 'Language',
  'locale.zh-CN': '中文',
  'locale.en': 'English',

  'list.separator': ', ',

  'field.unitName': 'Unit name',
  'field.unitCode': 'Unit code',
  'field.username': 'Login name',
  'field.displayName': 'Full name',
  'field.password': 'Password',
  'field.passwordConfirm': 'Confirm password',

  'setup.heading': 'Initial setup',
  'setup.intro': 'Before first use, enter your unit and create the system administrator account.',
  'setup.progress': 'Step {current} of {total}',
  'setup.step.unit': 'Unit',
  'setup.step.admin': 'System administrator account',
  'setup.hint.unitName': 'The unit’s full name, 2–60 characters.',
  'setup.hint.unitCode': 'The code your supervising secrecy bureau registered: letters, digits or hyphens.',
  'setup.hint.username': '3–32 letters, digits or . _ -; used to sign in.',
  'setup.hint.password': 'At least 8 characters, with both letters and digits.',
  'setup.passwordNote':
    'This password protects the encryption key of all data on this computer. Remember it and keep it safe; never tell anyone or write it down where it can be seen. A lost password can make the data impossible to decrypt.',
  'setup.adminsNote':
    'Under the separation of the three administrators, the security administrator and the security auditor accounts are added afterwards in System administration; no person may hold two of these roles.',
  'setup.next': 'Next',
  'setup.back': 'Back',
  'setup.finish': 'Finish setup',
  'setup.working': 'Generating the encryption key…',

  'validation.unitName.required': 'Enter the unit name.',
  'validation.unitCode.required': 'Enter the unit code.',
  'validation.username.required': 'Enter a login name.',
  'validation.displayName.required': 'Enter the full name.',
  'validation.password.required': 'Enter a password.',
  'validation.password.weak': 'The password needs at least 8 characters, with both letters and digits.',
  'validation.passwordConfirm.required': 'Enter the password again.',
  'validation.passwordConfirm.mismatch': 'The two passwords differ; enter them again.',

  'signin.heading': 'Sign in',
  'signin.intro': 'Enter your own login name and password.',
  'signin.submit': 'Sign in',
  'signin.working': 'Checking…',

  'lock.heading': 'Locked',
  'lock.text': 'The session of {displayName} ({username}) is locked and its data cleared from memory. Enter the password to unlock.',
  'lock.submit': 'Unlock',
  'lock.switchUser': 'Switch user',
  'lock.working': 'Checking…',

  'frame.unit': 'Unit: {unit}',
  'frame.user': 'Signed in: {displayName}',
  'frame.lock': 'Lock',
  'frame.signOut': 'Sign out',
  'frame.navLabel': 'Modules',

  'nav.ledger': 'Carrier ledger',
  'nav.determinations': 'Classification',
  'nav.destruction': 'Destruction',
  'nav.exchange': 'Data exchange',
  'nav.audit': 'Audit',
  'nav.admin': 'System administration',

  'page.ledger.note':
    'Coming in a later version: the full record of classified carriers — registration, receipt and dispatch, transfer, loans, copies, storage, repair, take-out, return and destruction — and inventories.',
  'page.determinations.note':
    'Coming in a later version: drafting and approval of classification decisions, changes and declassification, with reminders of expiring periods and periodic reviews.',
  'page.destruction.note':
    'Coming in a later version: destruction requests, counting and registration, approval, printed destruction lists and approval forms, and destruction certificates.',
  'page.exchange.note':
    'Coming in a later version: signed export bundles for the supervising secrecy bureau, and import of the policy bundles it sends.',
  'page.audit.note': 'Coming in a later version: reading, verifying and exporting the audit trail (for the security auditor).',
  'page.admin.note':
    'Coming in a later version: creating and disabling accounts (system administrator), assigning roles and setting security policies (security administrator).',

  'network.banner':
    'Network exposure: these network interfaces are up: {list}. A classified computer must never be connected to any network. Disconnect it now and report to the secrecy office.',
  'network.interface': '{name} ({addresses})',

  'unreadable.heading': 'The database cannot be read',
  'unreadable.reason.foreign': 'This database was not created by this application.',
  'unreadable.reason.corrupt': 'The database is damaged or has been tampered with.',
  'unreadable.reason.newer': 'The database was created by a newer version of the application and this version cannot read it.',
  'unreadable.reason.error': 'An error occurred while opening the database.',
  'unreadable.detail': 'Details: {detail}',
  'unreadable.locationLabel': 'Database location: ',
  'unreadable.locationUnknown': '(unavailable)',
  'unreadable.untouched': 'The application has not changed, deleted or overwritten anything in it.',
  'unreadable.action':
    'Do not delete or change that folder yourself. Report to the secrecy office, which will find the cause and restore the data from a backup.',

  'fatal.heading': 'The application cannot start',
  'fatal.noBridge':
    'This page was not opened by the Secrecy Ledger application and cannot reach the data on this computer. Start Secrecy Ledger from the desktop or the Start menu.',
  'fatal.openFailed': 'An error occurred while opening the database.',

  'refusal.SETUP_INVALID_FIELD': '“{field}” is not valid; check it and try again.',
  'refusal.SETUP_INVALID_FIELD.unitName': 'The unit name must be 2–60 characters; check it and try again.',
  'refusal.SETUP_INVALID_FIELD.unitCode': 'The unit code may contain only letters, digits or hyphens (at most 32); check it and try again.',
  'refusal.SETUP_INVALID_FIELD.adminUsername': 'The login name must be 3–32 letters, digits or . _ -; check it and try again.',
  'refusal.SETUP_INVALID_FIELD.adminDisplayName': 'The full name must be 1–30 characters; check it and try again.',
  'refusal.SETUP_OTHER': 'The setup information is not valid ({field}); check it and try again.',
  'refusal.STORE_ALREADY_INITIALIZED':
    'This computer already holds ledger data, so setup cannot run again. Restart the application and sign in; if in doubt, contact the secrecy office.',
  'refusal.WRONG_CREDENTIALS': 'Wrong login name or password; check them and try again.',
  'refusal.WRONG_CREDENTIALS.remaining': 'Wrong password: {remaining} attempts left before the account is locked.',
  'refusal.WRONG_CREDENTIALS.none':
    'Wrong password. No attempts are left and the account is now locked. Try again later or contact the security administrator.',
  'refusal.ACCOUNT_LOCKED': 'Too many wrong passwords: the account is locked. Try again later or contact the security administrator.',
  'refusal.ACCOUNT_LOCKED.until':
    'Too many wrong passwords: the account is locked until {until}. Try again then, or contact the security administrator.',
  'refusal.ACCOUNT_DISABLED': 'This account is disabled and cannot sign in. Contact the system administrator to restore it.',
  'refusal.STORE_TAMPERED':
    'Integrity check failed: record {id} in “{table}” has been changed or damaged. Stop working, report to the secrecy office and restore from a backup.',
  'refusal.NOT_SIGNED_IN': 'The session is no longer signed in; sign in again.',
  'refusal.STORE_NOT_INITIALIZED': 'This computer has not been set up yet. Restart the application and follow the setup steps.',
  'refusal.PASSWORD_WEAK': 'The password is too weak: it needs at least {minLength} characters, with both letters and digits.',
  'refusal.IPC_BAD_PAYLOAD':
    'An internal request was malformed and was refused. Restart the application; if it happens again, report to the secrecy office.',
  'refusal.IPC_UNKNOWN_CHANNEL':
    'An internal request asked for a function that does not exist and was refused. Restart the application; if it happens again, report to the secrecy office.',
  'refusal.IPC_UNTRUSTED_SENDER':
    'A request from an untrusted source was refused. Restart the application; if it happens again, report to the secrecy office.',
  'refusal.IPC_BAD_RESPONSE':
    'An internal answer was malformed. Restart the application; if it happens again, report to the secrecy office.',
  'refusal.UNEXPECTED': 'An unexpected error occurred ({message}). Try again; if it happens again, report to the secrecy office.',
  'refusal.unknown':
    'The operation did not complete (error code: {code}). Try again; if it happens again, report the code to the secrecy office.',
} satisfies Record<keyof typeof zhCN, string>;
