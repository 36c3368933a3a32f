import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, type Principal } from '@app/platform';
import { AssignTaskCommand, ClaimTaskCommand, CompleteTaskCommand, PerformTaskCommand, RecordTaskCommand } from './task.command-handlers';
import { AssignTaskDto, TaskEntryDto, TaskParams, UnitParams, YearQuery } from './task.dto';
import { GetTask, ListUnitTasks } from './task.query-handlers';
import { TaskAssignedResponse, TaskEntryResponse, TaskView, UnitTasksView } from './task.responses';

const ON_TASK = { 404: ['TASK.NOT_FOUND'], 403: ['TASK.NOT_ASSIGNEE', 'COMMISSION.READ_ONLY'] };
const ENTRY_PROBLEMS = {
  ...ON_TASK,
  400: ['EVIDENCE.NOT_UPLOADED', 'EVIDENCE.MISMATCH'],
  409: ['TASK.NOT_CLAIMED', 'TASK.COMPLETED', 'TASK.DUPLICATE_ENTRY', 'TASK.LATE_ENTRY_LOCKED'],
  422: ['TASK.ENTRY_IN_FUTURE', 'TASK.ENTRY_BEFORE_ASSIGNMENT', 'TASK.TEXT_REQUIRED', 'TEXT.NATIONAL_ID', 'EVIDENCE.DUPLICATE'],
};

/** Tasks (领责、履责、记实) over HTTP: each route turns its validated body into a command or query on the bus. */
@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('tasks')
  @ApiCommand({
    summary: 'Assign a share of a list item to a team member along their portfolio',
    description:
      'The principal leader or the unit’s office splits an item of the year list into tasks; the assignee holds a team member’s post in the unit today and their portfolio covers the area.',
    status: 201,
    type: TaskAssignedResponse,
    problems: {
      403: ['TASK.NOT_PERMITTED', 'COMMISSION.READ_ONLY'],
      409: ['TASK.ALREADY_ASSIGNED', 'REGISTRY.NOT_CAUGHT_UP'],
      422: [
        'TASK.ASSIGNEE_NOT_TEAM_MEMBER',
        'TASK.OUTSIDE_PORTFOLIO',
        'TASK.DUE_IN_PAST',
        'TASK.DUE_AFTER_ITEM_DEADLINE',
        'TASK.INVALID_ITEM_KEY',
      ],
    },
  })
  assign(@Body() dto: AssignTaskDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new AssignTaskCommand(dto, context));
  }

  @Post('tasks/:id/claim')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Claim a task (领责)',
    description: 'The assignee takes the task on; claiming a claimed task records nothing.',
    status: 200,
    problems: { ...ON_TASK, 409: ['TASK.COMPLETED'] },
  })
  claim(@Param() params: TaskParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ClaimTaskCommand({ taskId: params.id }, context));
  }

  @Post('tasks/:id/perform')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Record something done for the task (履责)',
    description: 'A dated entry by the assignee with its evidence; after the due day it is accepted and flagged late.',
    status: 200,
    type: TaskEntryResponse,
    problems: ENTRY_PROBLEMS,
  })
  perform(@Param() params: TaskParams, @Body() dto: TaskEntryDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new PerformTaskCommand({ taskId: params.id, ...dto }, context));
  }

  @Post('tasks/:id/record')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Write the account of the task (记实)',
    description: 'Minutes, a summary or findings, dated, with evidence; after the due day accepted and flagged late.',
    status: 200,
    type: TaskEntryResponse,
    problems: ENTRY_PROBLEMS,
  })
  record(@Param() params: TaskParams, @Body() dto: TaskEntryDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new RecordTaskCommand({ taskId: params.id, ...dto }, context));
  }

  @Post('tasks/:id/complete')
  @HttpCode(200)
  @ApiCommand({
    summary: 'Complete a task',
    description: 'The assignee closes a claimed task once something was done for it; completion after the due day is marked late.',
    status: 200,
    problems: { ...ON_TASK, 409: ['TASK.NOT_CLAIMED', 'TASK.COMPLETED', 'TASK.NOTHING_PERFORMED'] },
  })
  complete(@Param() params: TaskParams, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new CompleteTaskCommand({ taskId: params.id }, context));
  }

  @Get('tasks/:id')
  @ApiRead({
    summary: 'A task with its entries',
    description: 'The task as its stream folds; ETag carries the version.',
    type: TaskView,
    problems: { 404: ['TASK.NOT_FOUND'] },
  })
  get(@Param() params: TaskParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetTask({ taskId: params.id }, principal));
  }

  @Get('units/:unit/tasks')
  @ApiRead({ summary: 'The tasks of a unit’s year list', description: 'Ordered by due day.', type: UnitTasksView })
  list(@Param() params: UnitParams, @Query() query: YearQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListUnitTasks({ unitCode: params.unit, year: query.year }, principal));
  }
}
