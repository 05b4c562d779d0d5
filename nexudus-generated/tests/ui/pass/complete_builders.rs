// Every operation builds once its required fields are set, in any order, with or without
// optional fields.
use nexudus_generated::crm::CreateCoworkerTask;
use nexudus_generated::enums::{CoworkerAttendance, Gender, RegularPaymentProvider};
use nexudus_generated::spaces::{
    CreateCoworker, CreateCoworkerNote, CreateCoworkerSetting, UpdateCoworkerNotification,
};

fn main() {
    let _note = CreateCoworkerNote::builder().notes("Prefers email").coworker_id(42).build();
    let _task = CreateCoworkerTask::builder()
        .responsible_id(7)
        .name("Welcome tour")
        .coworker_id(1)
        .business_id(3)
        .notify_by_email(true)
        .due_date("2025-01-15T10:30:00Z".parse::<nexudus_generated::jiff::Timestamp>().unwrap())
        .due_date_local("2025-01-15T11:30:00".parse::<nexudus_generated::jiff::civil::DateTime>().unwrap())
        .build();
    let _setting = CreateCoworkerSetting::builder()
        .coworker_id(1)
        .name("door-code")
        .encrypted_value("s3cret")
        .build();
    let _coworker = CreateCoworker::builder()
        .gender(Gender::Female)
        .full_name("Ada Lovelace")
        .email("ada@example.com")
        .country_id(826)
        .simple_time_zone_id(12)
        .businesses(vec![1, 2])
        .monday_attendance(CoworkerAttendance::WorkingFromHome)
        .regular_payment_provider(RegularPaymentProvider::Stripe)
        .regular_payment_provider(None)
        .tariff_id(5)
        .build();
    let _update = UpdateCoworkerNotification::builder()
        .id(87654321)
        .coworker_id(1)
        .message("Your parcel arrived")
        .notification_type("delivery")
        .entity_id(9)
        .is_dismissed(true)
        .build();
}
