//! What a person would write by hand for `POST /api/spaces/coworkers`: one plain serde struct
//! with the documented JSON names, no builder, no secrets wrapper, enums as bare integers.
//! The benchmark's baseline.

use serde::{Deserialize, Serialize};

/// The Create Coworker body.
#[derive(Debug, Serialize, Deserialize)]
pub struct CreateCoworker {
    #[serde(rename = "FullName")]
    pub full_name: String,
    #[serde(rename = "Email")]
    pub email: String,
    #[serde(rename = "CountryId")]
    pub country_id: i64,
    #[serde(rename = "SimpleTimeZoneId")]
    pub simple_time_zone_id: i64,
    #[serde(rename = "CoworkerType", skip_serializing_if = "Option::is_none")]
    pub coworker_type: Option<i32>,
    #[serde(rename = "Businesses", skip_serializing_if = "Option::is_none")]
    pub businesses: Option<Vec<i64>>,
    #[serde(rename = "Teams", skip_serializing_if = "Option::is_none")]
    pub teams: Option<Vec<i64>>,
    #[serde(rename = "Salutation", skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
    #[serde(rename = "Gender", skip_serializing_if = "Option::is_none")]
    pub gender: Option<i32>,
    #[serde(rename = "CreateUser", skip_serializing_if = "Option::is_none")]
    pub create_user: Option<bool>,
    #[serde(rename = "NewAvatarUrl", skip_serializing_if = "Option::is_none")]
    pub new_avatar_url: Option<String>,
    #[serde(rename = "ClearAvatarFile", skip_serializing_if = "Option::is_none")]
    pub clear_avatar_file: Option<bool>,
    #[serde(rename = "NewBannerImageUrl", skip_serializing_if = "Option::is_none")]
    pub new_banner_image_url: Option<String>,
    #[serde(
        rename = "ClearBannerImageFile",
        skip_serializing_if = "Option::is_none"
    )]
    pub clear_banner_image_file: Option<bool>,
    #[serde(rename = "Address", skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(rename = "PostCode", skip_serializing_if = "Option::is_none")]
    pub post_code: Option<String>,
    #[serde(rename = "CityName", skip_serializing_if = "Option::is_none")]
    pub city_name: Option<String>,
    #[serde(rename = "State", skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(rename = "MobilePhone", skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    #[serde(rename = "LandLine", skip_serializing_if = "Option::is_none")]
    pub land_line: Option<String>,
    #[serde(rename = "DateOfBirth", skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<jiff::Timestamp>,
    #[serde(rename = "NickName", skip_serializing_if = "Option::is_none")]
    pub nick_name: Option<String>,
    #[serde(rename = "BusinessArea", skip_serializing_if = "Option::is_none")]
    pub business_area: Option<String>,
    #[serde(rename = "Position", skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(rename = "CompanyName", skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(rename = "ProfileWebsite", skip_serializing_if = "Option::is_none")]
    pub profile_website: Option<String>,
    #[serde(rename = "ProfileTags", skip_serializing_if = "Option::is_none")]
    pub profile_tags: Option<String>,
    #[serde(rename = "ProfileSummary", skip_serializing_if = "Option::is_none")]
    pub profile_summary: Option<String>,
    #[serde(rename = "Twitter", skip_serializing_if = "Option::is_none")]
    pub twitter: Option<String>,
    #[serde(rename = "Facebook", skip_serializing_if = "Option::is_none")]
    pub facebook: Option<String>,
    #[serde(rename = "Google", skip_serializing_if = "Option::is_none")]
    pub google: Option<String>,
    #[serde(rename = "Telegram", skip_serializing_if = "Option::is_none")]
    pub telegram: Option<String>,
    #[serde(rename = "Linkedin", skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    #[serde(rename = "Skype", skip_serializing_if = "Option::is_none")]
    pub skype: Option<String>,
    #[serde(rename = "Github", skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
    #[serde(rename = "Pinterest", skip_serializing_if = "Option::is_none")]
    pub pinterest: Option<String>,
    #[serde(rename = "Flickr", skip_serializing_if = "Option::is_none")]
    pub flickr: Option<String>,
    #[serde(rename = "Instagram", skip_serializing_if = "Option::is_none")]
    pub instagram: Option<String>,
    #[serde(rename = "Vimeo", skip_serializing_if = "Option::is_none")]
    pub vimeo: Option<String>,
    #[serde(rename = "Tumblr", skip_serializing_if = "Option::is_none")]
    pub tumblr: Option<String>,
    #[serde(rename = "Blogger", skip_serializing_if = "Option::is_none")]
    pub blogger: Option<String>,
    #[serde(rename = "ProfileIsPublic", skip_serializing_if = "Option::is_none")]
    pub profile_is_public: Option<bool>,
    #[serde(
        rename = "InvoicingBusinessId",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoicing_business_id: Option<i64>,
    #[serde(rename = "BillingEmail", skip_serializing_if = "Option::is_none")]
    pub billing_email: Option<String>,
    #[serde(rename = "BillingName", skip_serializing_if = "Option::is_none")]
    pub billing_name: Option<String>,
    #[serde(rename = "BillingAddress", skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<String>,
    #[serde(rename = "BillingPostCode", skip_serializing_if = "Option::is_none")]
    pub billing_post_code: Option<String>,
    #[serde(rename = "BillingCityName", skip_serializing_if = "Option::is_none")]
    pub billing_city_name: Option<String>,
    #[serde(rename = "BillingState", skip_serializing_if = "Option::is_none")]
    pub billing_state: Option<String>,
    #[serde(rename = "BillingCountryId", skip_serializing_if = "Option::is_none")]
    pub billing_country_id: Option<i64>,
    #[serde(
        rename = "BillingSimpleTimeZoneId",
        skip_serializing_if = "Option::is_none"
    )]
    pub billing_simple_time_zone_id: Option<i64>,
    #[serde(rename = "TaxRateType", skip_serializing_if = "Option::is_none")]
    pub tax_rate_type: Option<i32>,
    #[serde(rename = "TaxRate", skip_serializing_if = "Option::is_none")]
    pub tax_rate: Option<f64>,
    #[serde(rename = "TaxIDNumber", skip_serializing_if = "Option::is_none")]
    pub tax_id_number: Option<String>,
    #[serde(rename = "BankName", skip_serializing_if = "Option::is_none")]
    pub bank_name: Option<String>,
    #[serde(rename = "BankAccount", skip_serializing_if = "Option::is_none")]
    pub bank_account: Option<String>,
    #[serde(rename = "BankBranch", skip_serializing_if = "Option::is_none")]
    pub bank_branch: Option<String>,
    #[serde(rename = "NotifyOnNewInvoice", skip_serializing_if = "Option::is_none")]
    pub notify_on_new_invoice: Option<bool>,
    #[serde(rename = "NotifyOnNewPayment", skip_serializing_if = "Option::is_none")]
    pub notify_on_new_payment: Option<bool>,
    #[serde(
        rename = "NotifyOnFailedPayment",
        skip_serializing_if = "Option::is_none"
    )]
    pub notify_on_failed_payment: Option<bool>,
    #[serde(
        rename = "ShowPayingMemberInvoices",
        skip_serializing_if = "Option::is_none"
    )]
    pub show_paying_member_invoices: Option<bool>,
    #[serde(
        rename = "EnableGoCardlessPayments",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_go_cardless_payments: Option<bool>,
    #[serde(
        rename = "UseGoCardlessProPayments",
        skip_serializing_if = "Option::is_none"
    )]
    pub use_go_cardless_pro_payments: Option<bool>,
    #[serde(
        rename = "GoCardlessContractNumber",
        skip_serializing_if = "Option::is_none"
    )]
    pub go_cardless_contract_number: Option<String>,
    #[serde(
        rename = "StripeBacsDDPaymentMethodId",
        skip_serializing_if = "Option::is_none"
    )]
    pub stripe_bacs_dd_payment_method_id: Option<String>,
    #[serde(
        rename = "StripeBacsDDMandateId",
        skip_serializing_if = "Option::is_none"
    )]
    pub stripe_bacs_dd_mandate_id: Option<String>,
    #[serde(
        rename = "StripeBacsDDCustomerToken",
        skip_serializing_if = "Option::is_none"
    )]
    pub stripe_bacs_dd_customer_token: Option<String>,
    #[serde(
        rename = "StripeBacsDDEnabled",
        skip_serializing_if = "Option::is_none"
    )]
    pub stripe_bacs_dd_enabled: Option<bool>,
    #[serde(
        rename = "LastOverDueInvoiceReminder",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_over_due_invoice_reminder: Option<jiff::Timestamp>,
    #[serde(
        rename = "LastLowCreditReminder",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_low_credit_reminder: Option<jiff::Timestamp>,
    #[serde(rename = "RefererGuid", skip_serializing_if = "Option::is_none")]
    pub referer_guid: Option<String>,
    #[serde(
        rename = "RegularPaymentProvider",
        skip_serializing_if = "Option::is_none"
    )]
    pub regular_payment_provider: Option<Option<i32>>,
    #[serde(
        rename = "RegularPaymentContractNumber",
        skip_serializing_if = "Option::is_none"
    )]
    pub regular_payment_contract_number: Option<String>,
    #[serde(
        rename = "DoNotProcessInvoicesAutomatically",
        skip_serializing_if = "Option::is_none"
    )]
    pub do_not_process_invoices_automatically: Option<bool>,
    #[serde(
        rename = "AllowNetworkCheckin",
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_network_checkin: Option<bool>,
    #[serde(rename = "AccessCardId", skip_serializing_if = "Option::is_none")]
    pub access_card_id: Option<String>,
    #[serde(rename = "AccessPincode", skip_serializing_if = "Option::is_none")]
    pub access_pincode: Option<String>,
    #[serde(rename = "KeyFobNumber", skip_serializing_if = "Option::is_none")]
    pub key_fob_number: Option<String>,
    #[serde(rename = "NotifyOnDelivery", skip_serializing_if = "Option::is_none")]
    pub notify_on_delivery: Option<bool>,
    #[serde(rename = "EzeepUserId", skip_serializing_if = "Option::is_none")]
    pub ezeep_user_id: Option<String>,
    #[serde(rename = "EzeepFreePrinting", skip_serializing_if = "Option::is_none")]
    pub ezeep_free_printing: Option<bool>,
    #[serde(rename = "EzeepBlueUserId", skip_serializing_if = "Option::is_none")]
    pub ezeep_blue_user_id: Option<String>,
    #[serde(
        rename = "EzeepBlueFreePrinting",
        skip_serializing_if = "Option::is_none"
    )]
    pub ezeep_blue_free_printing: Option<bool>,
    #[serde(
        rename = "EzeepBluePrintingEnabled",
        skip_serializing_if = "Option::is_none"
    )]
    pub ezeep_blue_printing_enabled: Option<bool>,
    #[serde(
        rename = "PaperCutPayAsYouPrint",
        skip_serializing_if = "Option::is_none"
    )]
    pub paper_cut_pay_as_you_print: Option<bool>,
    #[serde(
        rename = "PaperCutFreePrinting",
        skip_serializing_if = "Option::is_none"
    )]
    pub paper_cut_free_printing: Option<bool>,
    #[serde(rename = "PaperCutUserId", skip_serializing_if = "Option::is_none")]
    pub paper_cut_user_id: Option<String>,
    #[serde(rename = "CanMakeBookings", skip_serializing_if = "Option::is_none")]
    pub can_make_bookings: Option<bool>,
    #[serde(rename = "CanBookForTeam", skip_serializing_if = "Option::is_none")]
    pub can_book_for_team: Option<bool>,
    #[serde(
        rename = "CanPurchaseProducts",
        skip_serializing_if = "Option::is_none"
    )]
    pub can_purchase_products: Option<bool>,
    #[serde(rename = "CanPurchaseEvents", skip_serializing_if = "Option::is_none")]
    pub can_purchase_events: Option<bool>,
    #[serde(rename = "CanAccessCommunity", skip_serializing_if = "Option::is_none")]
    pub can_access_community: Option<bool>,
    #[serde(rename = "ReferenceNumber", skip_serializing_if = "Option::is_none")]
    pub reference_number: Option<String>,
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(rename = "Notes", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(rename = "ShowAlert", skip_serializing_if = "Option::is_none")]
    pub show_alert: Option<bool>,
    #[serde(rename = "AlertNote", skip_serializing_if = "Option::is_none")]
    pub alert_note: Option<String>,
    #[serde(rename = "UserId", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    #[serde(rename = "Active", skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(rename = "NextAutoInvoice", skip_serializing_if = "Option::is_none")]
    pub next_auto_invoice: Option<jiff::Timestamp>,
    #[serde(
        rename = "InvoiceDueDatePeriod",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_due_date_period: Option<i64>,
    #[serde(rename = "RegistrationDate", skip_serializing_if = "Option::is_none")]
    pub registration_date: Option<jiff::Timestamp>,
    #[serde(
        rename = "GeneralTermsAccepted",
        skip_serializing_if = "Option::is_none"
    )]
    pub general_terms_accepted: Option<bool>,
    #[serde(rename = "LastRenewal", skip_serializing_if = "Option::is_none")]
    pub last_renewal: Option<jiff::Timestamp>,
    #[serde(rename = "LastInvoiceAttempt", skip_serializing_if = "Option::is_none")]
    pub last_invoice_attempt: Option<jiff::Timestamp>,
    #[serde(rename = "Custom1", skip_serializing_if = "Option::is_none")]
    pub custom1: Option<String>,
    #[serde(rename = "Custom2", skip_serializing_if = "Option::is_none")]
    pub custom2: Option<String>,
    #[serde(rename = "Custom3", skip_serializing_if = "Option::is_none")]
    pub custom3: Option<String>,
    #[serde(rename = "Custom4", skip_serializing_if = "Option::is_none")]
    pub custom4: Option<String>,
    #[serde(rename = "Custom5", skip_serializing_if = "Option::is_none")]
    pub custom5: Option<String>,
    #[serde(rename = "Custom6", skip_serializing_if = "Option::is_none")]
    pub custom6: Option<String>,
    #[serde(rename = "Custom7", skip_serializing_if = "Option::is_none")]
    pub custom7: Option<String>,
    #[serde(rename = "Custom8", skip_serializing_if = "Option::is_none")]
    pub custom8: Option<String>,
    #[serde(rename = "Custom9", skip_serializing_if = "Option::is_none")]
    pub custom9: Option<String>,
    #[serde(rename = "Custom10", skip_serializing_if = "Option::is_none")]
    pub custom10: Option<String>,
    #[serde(rename = "Custom11", skip_serializing_if = "Option::is_none")]
    pub custom11: Option<String>,
    #[serde(rename = "Custom12", skip_serializing_if = "Option::is_none")]
    pub custom12: Option<String>,
    #[serde(rename = "Custom13", skip_serializing_if = "Option::is_none")]
    pub custom13: Option<String>,
    #[serde(rename = "Custom14", skip_serializing_if = "Option::is_none")]
    pub custom14: Option<String>,
    #[serde(rename = "Custom15", skip_serializing_if = "Option::is_none")]
    pub custom15: Option<String>,
    #[serde(rename = "Custom16", skip_serializing_if = "Option::is_none")]
    pub custom16: Option<String>,
    #[serde(rename = "Custom17", skip_serializing_if = "Option::is_none")]
    pub custom17: Option<String>,
    #[serde(rename = "Custom18", skip_serializing_if = "Option::is_none")]
    pub custom18: Option<String>,
    #[serde(rename = "Custom19", skip_serializing_if = "Option::is_none")]
    pub custom19: Option<String>,
    #[serde(rename = "Custom20", skip_serializing_if = "Option::is_none")]
    pub custom20: Option<String>,
    #[serde(rename = "Custom21", skip_serializing_if = "Option::is_none")]
    pub custom21: Option<String>,
    #[serde(rename = "Custom22", skip_serializing_if = "Option::is_none")]
    pub custom22: Option<String>,
    #[serde(rename = "Custom23", skip_serializing_if = "Option::is_none")]
    pub custom23: Option<String>,
    #[serde(rename = "Custom24", skip_serializing_if = "Option::is_none")]
    pub custom24: Option<String>,
    #[serde(rename = "Custom25", skip_serializing_if = "Option::is_none")]
    pub custom25: Option<String>,
    #[serde(rename = "Custom26", skip_serializing_if = "Option::is_none")]
    pub custom26: Option<String>,
    #[serde(rename = "Custom27", skip_serializing_if = "Option::is_none")]
    pub custom27: Option<String>,
    #[serde(rename = "Custom28", skip_serializing_if = "Option::is_none")]
    pub custom28: Option<String>,
    #[serde(rename = "Custom29", skip_serializing_if = "Option::is_none")]
    pub custom29: Option<String>,
    #[serde(rename = "Custom30", skip_serializing_if = "Option::is_none")]
    pub custom30: Option<String>,
    #[serde(rename = "NextInvoiceLocal", skip_serializing_if = "Option::is_none")]
    pub next_invoice_local: Option<jiff::civil::DateTime>,
    #[serde(
        rename = "NextAutoInvoiceLocal",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_auto_invoice_local: Option<jiff::civil::DateTime>,
    #[serde(
        rename = "RegistrationDateLocal",
        skip_serializing_if = "Option::is_none"
    )]
    pub registration_date_local: Option<jiff::civil::DateTime>,
    #[serde(
        rename = "AccessControlDebounceTime",
        skip_serializing_if = "Option::is_none"
    )]
    pub access_control_debounce_time: Option<String>,
    #[serde(
        rename = "Office365AccessToken",
        skip_serializing_if = "Option::is_none"
    )]
    pub office365_access_token: Option<String>,
    #[serde(
        rename = "Office365RefreshToken",
        skip_serializing_if = "Option::is_none"
    )]
    pub office365_refresh_token: Option<String>,
    #[serde(rename = "ZoomAccessToken", skip_serializing_if = "Option::is_none")]
    pub zoom_access_token: Option<String>,
    #[serde(rename = "ZoomRefreshToken", skip_serializing_if = "Option::is_none")]
    pub zoom_refresh_token: Option<String>,
    #[serde(rename = "ZoomUserId", skip_serializing_if = "Option::is_none")]
    pub zoom_user_id: Option<String>,
    #[serde(rename = "DoordeckPrivateKey", skip_serializing_if = "Option::is_none")]
    pub doordeck_private_key: Option<String>,
    #[serde(rename = "DoordeckPublicKey", skip_serializing_if = "Option::is_none")]
    pub doordeck_public_key: Option<String>,
    #[serde(rename = "DoordeckUserGuid", skip_serializing_if = "Option::is_none")]
    pub doordeck_user_guid: Option<String>,
    #[serde(
        rename = "Office365SubscriptionId",
        skip_serializing_if = "Option::is_none"
    )]
    pub office365_subscription_id: Option<String>,
    #[serde(rename = "SaltoV2AccessToken", skip_serializing_if = "Option::is_none")]
    pub salto_v2_access_token: Option<String>,
    #[serde(rename = "StripeACHBankToken", skip_serializing_if = "Option::is_none")]
    pub stripe_ach_bank_token: Option<String>,
    #[serde(
        rename = "StripeACHCustomerToken",
        skip_serializing_if = "Option::is_none"
    )]
    pub stripe_ach_customer_token: Option<String>,
    #[serde(
        rename = "HasAcceptedStripeACHAgreement",
        skip_serializing_if = "Option::is_none"
    )]
    pub has_accepted_stripe_ach_agreement: Option<bool>,
    #[serde(
        rename = "HasVerifiedStripeACHDeposits",
        skip_serializing_if = "Option::is_none"
    )]
    pub has_verified_stripe_ach_deposits: Option<bool>,
    #[serde(rename = "PurchaseOrder", skip_serializing_if = "Option::is_none")]
    pub purchase_order: Option<String>,
    #[serde(rename = "SyncToSquare", skip_serializing_if = "Option::is_none")]
    pub sync_to_square: Option<bool>,
    #[serde(
        rename = "NotifyOnDeliveriesEmail",
        skip_serializing_if = "Option::is_none"
    )]
    pub notify_on_deliveries_email: Option<String>,
    #[serde(
        rename = "AccessControlErrorNotificationSent",
        skip_serializing_if = "Option::is_none"
    )]
    pub access_control_error_notification_sent: Option<bool>,
    #[serde(rename = "SyncToPaperCutDue", skip_serializing_if = "Option::is_none")]
    pub sync_to_paper_cut_due: Option<bool>,
    #[serde(rename = "GoogleApiToken", skip_serializing_if = "Option::is_none")]
    pub google_api_token: Option<String>,
    #[serde(
        rename = "GoogleSubscriptionId",
        skip_serializing_if = "Option::is_none"
    )]
    pub google_subscription_id: Option<String>,
    #[serde(
        rename = "InvoiceSegregationOverride",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_segregation_override: Option<bool>,
    #[serde(
        rename = "InvoiceSegregateContracts",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_segregate_contracts: Option<bool>,
    #[serde(
        rename = "InvoiceSegregateBookings",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_segregate_bookings: Option<bool>,
    #[serde(
        rename = "InvoiceSegregateProducts",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_segregate_products: Option<bool>,
    #[serde(
        rename = "InvoiceSegregateTimePasses",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_segregate_time_passes: Option<bool>,
    #[serde(
        rename = "InvoiceSegregateTickets",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_segregate_tickets: Option<bool>,
    #[serde(rename = "IsDefaultProfile", skip_serializing_if = "Option::is_none")]
    pub is_default_profile: Option<bool>,
    #[serde(
        rename = "InvoiceSegregateCharges",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoice_segregate_charges: Option<bool>,
    #[serde(rename = "BrivoUserId", skip_serializing_if = "Option::is_none")]
    pub brivo_user_id: Option<i64>,
    #[serde(
        rename = "EzeepPrintingEnabled",
        skip_serializing_if = "Option::is_none"
    )]
    pub ezeep_printing_enabled: Option<bool>,
    #[serde(rename = "InvoiceDueDateDay", skip_serializing_if = "Option::is_none")]
    pub invoice_due_date_day: Option<i64>,
    #[serde(rename = "MondayAttendance", skip_serializing_if = "Option::is_none")]
    pub monday_attendance: Option<i32>,
    #[serde(rename = "TuesdayAttendance", skip_serializing_if = "Option::is_none")]
    pub tuesday_attendance: Option<i32>,
    #[serde(
        rename = "WednesdayAttendance",
        skip_serializing_if = "Option::is_none"
    )]
    pub wednesday_attendance: Option<i32>,
    #[serde(rename = "ThursdayAttendance", skip_serializing_if = "Option::is_none")]
    pub thursday_attendance: Option<i32>,
    #[serde(rename = "FridayAttendance", skip_serializing_if = "Option::is_none")]
    pub friday_attendance: Option<i32>,
    #[serde(rename = "SaturdayAttendance", skip_serializing_if = "Option::is_none")]
    pub saturday_attendance: Option<i32>,
    #[serde(rename = "SundayAttendance", skip_serializing_if = "Option::is_none")]
    pub sunday_attendance: Option<i32>,
    #[serde(rename = "Longitude", skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    #[serde(rename = "Latitude", skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(rename = "BillingLongitude", skip_serializing_if = "Option::is_none")]
    pub billing_longitude: Option<f64>,
    #[serde(rename = "BillingLatitude", skip_serializing_if = "Option::is_none")]
    pub billing_latitude: Option<f64>,
    #[serde(rename = "Archived", skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    #[serde(rename = "TariffId", skip_serializing_if = "Option::is_none")]
    pub tariff_id: Option<i64>,
    #[serde(rename = "BillingDay", skip_serializing_if = "Option::is_none")]
    pub billing_day: Option<i64>,
    #[serde(rename = "RenewalDate", skip_serializing_if = "Option::is_none")]
    pub renewal_date: Option<jiff::Timestamp>,
}
