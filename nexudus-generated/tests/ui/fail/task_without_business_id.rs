// CreateCoworkerTask needs BusinessId.
use nexudus_generated::crm::CreateCoworkerTask;

fn main() {
    let _request = CreateCoworkerTask::builder().coworker_id(1).name("Welcome tour").responsible_id(7).build();
}
