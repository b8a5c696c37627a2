package io.vigil.notify;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/** The people of the engine's identity service, with their e-mail addresses: whom notifications reach. */
@Service
class People {

  private final IdentityService identity;

  People(IdentityService identity) {
    this.identity = identity;
  }

  Optional<Person> person(String userId) {
    return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(People::person);
  }

  /** The members of a group, by id; empty when there is no such group. */
  Optional<List<Person>> members(String groupId) {
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      return Optional.empty();
    }
    return Optional.of(identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .map(People::person).toList());
  }

  private static Person person(User user) {
    String name = Stream.of(user.getFirstName(), user.getLastName())
        .filter(part -> part != null && !part.isBlank())
        .collect(Collectors.joining(" "));
    String email = user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
    return new Person(user.getId(), name.isEmpty() ? user.getId() : name, email);
  }
}
