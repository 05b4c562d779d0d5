// UpdateCoworkerNotification needs the Id of the record to update.
use nexudus_generated::spaces::UpdateCoworkerNotification;

fn main() {
    let _request = UpdateCoworkerNotification::builder().coworker_id(1).message("Your parcel arrived").notification_type("delivery").entity_id(9).build();
}
