// CreateCoworkerTask needs ResponsibleId.
use nexudus_generated::crm::CreateCoworkerTask;

fn main() {
    let _request = CreateCoworkerTask::builder().business_id(3).coworker_id(1).name("Welcome tour").build();
}
